using System.Text.RegularExpressions;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Architecture;

/// <summary>
/// Time comes from an injected <see cref="TimeProvider"/>: the program reads the wall clock in its
/// composition root only, so that every timestamp, wait and duration can be driven by a fake clock.
/// </summary>
public partial class WallClockTests
{
    /// <summary>The composition root: the one file that hands the system clock to everything else.</summary>
    private static readonly string[] CompositionRoot = ["src/PolicyArchiver/Program.cs"];

    [GeneratedRegex(@"\bTimeProvider\.System\b|\bDateTime(Offset)?\.(UtcNow|Now|Today)\b|\bStopwatch\b|\bEnvironment\.TickCount(64)?\b")]
    private static partial Regex WallClock();

    /// <summary>A trailing comment (after code): "// " preceded by white space, so that "http://" in a string is kept.</summary>
    [GeneratedRegex(@"\s//\s.*$")]
    private static partial Regex TrailingComment();

    public sealed record Read(string File, int Line, string Code)
    {
        public override string ToString() => $"{File}:{Line}: {Code}";
    }

    /// <summary>The wall-clock reads of one C# source, by line (comments are not code and are skipped).</summary>
    public static IEnumerable<Read> ReadsIn(string file, string source)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith('*')) continue;
            if (WallClock().IsMatch(TrailingComment().Replace(line, ""))) yield return new Read(file, i + 1, line);
        }
    }

    private static IEnumerable<Read> ReadsInSources()
    {
        var root = Repository.Root;
        foreach (var path in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)) continue;
            if (CompositionRoot.Contains(relative)) continue;
            foreach (var read in ReadsIn(relative, File.ReadAllText(path))) yield return read;
        }
    }

    [Fact]
    public void No_source_file_reads_the_wall_clock_outside_the_composition_root()
    {
        var offending = ReadsInSources().ToList();
        Assert.True(offending.Count == 0,
            "read the time from an injected TimeProvider (GetUtcNow, GetTimestamp/GetElapsedTime), not the wall clock:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void The_composition_root_is_where_the_system_clock_is_read()
    {
        var root = Path.Combine(Repository.Root, CompositionRoot[0]);
        Assert.Contains(ReadsIn(CompositionRoot[0], File.ReadAllText(root)), r => r.Code.Contains("TimeProvider.System", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("var now = DateTimeOffset.UtcNow;", true)]
    [InlineData("var today = DateTime.Today;", true)]
    [InlineData("var local = DateTime.Now.Hour;", true)]
    [InlineData("var clock = Stopwatch.StartNew();", true)]
    [InlineData("var t = Stopwatch.GetTimestamp();", true)]
    [InlineData("var ticks = Environment.TickCount64;", true)]
    [InlineData("services.AddSingleton(TimeProvider.System);", true)]
    [InlineData("var now = time.GetUtcNow();", false)]
    [InlineData("var elapsed = time.GetElapsedTime(started);", false)]
    [InlineData("// DateTimeOffset.UtcNow is not read here", false)]
    [InlineData("/// <summary>Never Stopwatch: the injected clock.</summary>", false)]
    [InlineData("var url = \"http://x\"; // not DateTime.UtcNow", false)]
    [InlineData("var s = \"http://127.0.0.1/\" + DateTime.UtcNow;", true)]
    public void A_wall_clock_read_is_found_and_named_by_file_and_line(string code, bool read)
    {
        var found = ReadsIn("src/Example.cs", $"namespace Example;\n{code}\n").ToList();
        Assert.Equal(read, found.Count == 1);
        if (read) Assert.Equal("src/Example.cs:2: " + code, found[0].ToString());
    }
}
