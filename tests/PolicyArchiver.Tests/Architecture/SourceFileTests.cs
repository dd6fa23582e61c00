using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Architecture;

/// <summary>Every source file reads in one sitting: a file that outgrows that holds more than one idea.</summary>
public sealed class SourceFileTests
{
    private const int MaxLines = 400;

    [Fact]
    public void No_source_file_is_longer_than_400_lines()
    {
        var tooLong = LongerThan(MaxLines, Path.Combine(Repository.Root, "src"));
        Assert.True(tooLong.Count == 0, "split these files:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void The_check_names_a_file_over_the_limit()
    {
        var dir = Directory.CreateTempSubdirectory("source-files-");
        try
        {
            File.WriteAllLines(Path.Combine(dir.FullName, "Short.cs"), Enumerable.Repeat("// line", MaxLines));
            File.WriteAllLines(Path.Combine(dir.FullName, "Long.cs"), Enumerable.Repeat("// line", MaxLines + 1));
            var found = Assert.Single(LongerThan(MaxLines, dir.FullName));
            Assert.Equal($"Long.cs: {MaxLines + 1} lines", found);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static List<string> LongerThan(int max, string root) =>
        (from path in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
         let relative = Path.GetRelativePath(root, path)
         where !relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")
         let lines = File.ReadLines(path).Count()
         where lines > max
         orderby relative
         select $"{relative}: {lines} lines").ToList();
}
