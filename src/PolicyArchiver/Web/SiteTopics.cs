using PolicyArchiver.Insight.Topics;

namespace PolicyArchiver.Web;

/// <summary>
/// The topic lexicon the site tags changes with: <c>topics.json</c> in the working directory if
/// present, else the built-in one, read once when first needed (restart <c>serve</c> after editing
/// it). A broken file does not take the change pages down: the built-in lexicon is used and the
/// problem is shown where topics are.
/// </summary>
internal static class SiteTopics
{
    private static readonly Lazy<(TopicLexicon Lexicon, string? Problem)> Loaded = new(() =>
    {
        try
        {
            return (TopicLexiconLoader.ResolveAsync(null, Directory.GetCurrentDirectory()).GetAwaiter().GetResult(), null);
        }
        catch (TopicsException e)
        {
            return (TopicLexiconLoader.Embedded, e.Message);
        }
    });

    public static TopicLexicon Lexicon => Loaded.Value.Lexicon;

    /// <summary>Why the working directory's topics.json is not in use, if it is broken.</summary>
    public static string? Problem => Loaded.Value.Problem;

    /// <summary>A topic's human label (English, as the site is), or its id when the lexicon does not know it.</summary>
    public static string Label(string id) => Lexicon.Find(id)?.Label("en") ?? id;
}
