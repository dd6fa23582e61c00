namespace PolicyArchiver.Bench.Measuring;

/// <summary>Sum of the sizes of every file under a directory (apparent sizes, not blocks, so small files are not rounded up to 4 KB).</summary>
public static class DirectorySize
{
    public static long Of(string directory) =>
        Directory.Exists(directory)
            ? new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
            : 0;

    /// <summary>Number of files under a directory.</summary>
    public static int Files(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Count() : 0;
}
