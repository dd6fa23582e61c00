namespace PolicyArchiver.Web.Replay;

/// <summary>The client-side half of replay (<c>ReplayShim.js</c>, a resource of this assembly), inlined as each replayed page's first script.</summary>
internal static class ReplayShim
{
    public static readonly string Source = Load();

    private static string Load()
    {
        using var stream = typeof(ReplayShim).Assembly.GetManifestResourceStream("Replay/ReplayShim.js")
            ?? throw new InvalidOperationException("the replay shim (Replay/ReplayShim.js) is not embedded in the program");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
