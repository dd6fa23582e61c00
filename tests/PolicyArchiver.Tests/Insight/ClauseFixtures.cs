namespace PolicyArchiver.Tests.Insight;

/// <summary>The clause and topic fixtures: texts as extraction writes them (one block per line), under Fixtures/clauses.</summary>
internal static class ClauseFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "clauses");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));
}
