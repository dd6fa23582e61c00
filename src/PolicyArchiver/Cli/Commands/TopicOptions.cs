using System.CommandLine;
using PolicyArchiver.Insight.Topics;

namespace PolicyArchiver.Cli.Commands;

/// <summary>The topic lexicon and the <c>--topic</c> filter, as the commands that tag changes take them.</summary>
internal static class TopicOptions
{
    public static Option<string?> Filter(string what) => new("--topic")
    {
        Description = $"Only {what} whose change touches this topic (see docs/topics.md)",
        HelpName = "ID",
    };

    /// <summary>The lexicon of <c>--topics</c>, else <c>./topics.json</c>, else the built-in one; a bad file is bad input (exit 2).</summary>
    public static async Task<TopicLexicon> LoadAsync(CliContext context, CancellationToken ct)
    {
        try
        {
            return await TopicLexiconLoader.ResolveAsync(context.Parse.GetValue(GlobalOptions.Topics), Directory.GetCurrentDirectory(), ct);
        }
        catch (TopicsException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message);
        }
    }

    /// <summary>The topic asked for with <c>--topic</c>, checked against the lexicon; null when not asked.</summary>
    public static string? Requested(CliContext context, Option<string?> filter, TopicLexicon lexicon)
    {
        if (context.Parse.GetValue(filter) is not { } id) return null;
        if (lexicon.Find(id) is not null) return id;
        throw new CliException(ExitCodes.BadInput, $"--topic \"{id}\": unknown topic (known: {string.Join(", ", lexicon.Ids)})");
    }
}
