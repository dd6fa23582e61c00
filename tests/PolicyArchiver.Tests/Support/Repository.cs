using System.Diagnostics;

namespace PolicyArchiver.Tests.Support;

/// <summary>The repository the tests run from, and the external tools they check our output with.</summary>
public static class Repository
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "PolicyArchiver.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("PolicyArchiver.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>warcio from npm, installed by .ci/install.</summary>
    public static string Warcio
    {
        get
        {
            var path = Path.Combine(Root, ".ci", ".state", "node", "node_modules", "warcio");
            if (!File.Exists(Path.Combine(path, "package.json")))
                throw new InvalidOperationException($"warcio is not installed at {path}: run `bash .ci/install` (the README's test command does)");
            return path;
        }
    }

    /// <summary>ReplayWeb.page's built player (ui.js, sw.js) from npm, unpacked by .ci/install.</summary>
    public static string ReplayWebPage
    {
        get
        {
            var path = Path.Combine(Root, ".ci", ".state", "node", "replaywebpage");
            if (!File.Exists(Path.Combine(path, "sw.js")))
                throw new InvalidOperationException($"replaywebpage is not unpacked at {path}: run `bash .ci/install` (the README's test command does)");
            return path;
        }
    }

    /// <summary>feedparser from npm, installed by .ci/install: the independent reader of our Atom feeds.</summary>
    public static string Feedparser
    {
        get
        {
            var path = Path.Combine(Root, ".ci", ".state", "node", "node_modules", "feedparser");
            if (!File.Exists(Path.Combine(path, "package.json")))
                throw new InvalidOperationException($"feedparser is not installed at {path}: run `bash .ci/install` (the README's test command does)");
            return path;
        }
    }

    public sealed record ProcessResult(int ExitCode, string Out, string Error);

    /// <summary>Runs a program to completion (used for node, openssl, sha256sum, bash).</summary>
    public static async Task<ProcessResult> RunAsync(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
