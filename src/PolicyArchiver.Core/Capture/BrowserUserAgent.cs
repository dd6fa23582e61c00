using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PolicyArchiver.Capture;

/// <summary>
/// The User-Agent Chromium sends, known from its version alone. Since Chrome 110 the string is
/// "reduced": only the major version and a fixed platform token per operating system vary, so
/// asking the executable for <c>--version</c> (tens of milliseconds) says what a started browser
/// would (a second and a few hundred megabytes). A test holds the two to the same answer.
/// </summary>
internal static partial class BrowserUserAgent
{
    /// <summary>The User-Agent of the Chromium at <paramref name="executable"/>, or null when its version cannot be read.</summary>
    public static async Task<string?> FromExecutableAsync(string executable, CancellationToken ct)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(executable, "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return null;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                var output = await process.StandardOutput.ReadToEndAsync(deadline.Token);
                await process.WaitForExitAsync(deadline.Token);
                return process.ExitCode == 0 ? FromVersion(output) : null;
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null; // the browser, started, will say it itself
        }
    }

    /// <summary>From "Chromium 156.0.8078.114 built on Debian…" or "Google Chrome 120.0.6099.71"; null when no version is found or it predates the reduction.</summary>
    public static string? FromVersion(string versionOutput)
    {
        var match = Version().Match(versionOutput);
        if (!match.Success || int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < 110) return null;
        return $"Mozilla/5.0 ({Platform()}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{match.Groups[1].Value}.0.0.0 Safari/537.36";
    }

    private static string Platform() =>
        OperatingSystem.IsWindows() ? "Windows NT 10.0; Win64; x64"
        : OperatingSystem.IsMacOS() ? "Macintosh; Intel Mac OS X 10_15_7"
        : "X11; Linux x86_64";

    [GeneratedRegex(@"\b(?:Chromium|Chrome)\s+(\d+)\.\d+\.\d+\.\d+")]
    private static partial Regex Version();
}
