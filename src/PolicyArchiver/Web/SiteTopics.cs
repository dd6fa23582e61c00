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

    private static readonly Lazy<string> LexiconFingerprint = new(() =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", Lexicon.Topics.Select(t =>
            $"{t.Id}\t{string.Join(",", t.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))}\t" +
            string.Join(",", t.Keywords.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={string.Join("|", k.Value.Select(w => w.Source))}"))))))));

    /// <summary>
    /// A digest of the lexicon's topics, labels and keywords: what feed entries are tagged and
    /// labelled with, so a cached entry or a feed's ETag changes when the lexicon does.
    /// </summary>
    public static string Fingerprint => LexiconFingerprint.Value;

    /// <summary>Why the working directory's topics.json is not in use, if it is broken.</summary>
    public static string? Problem => Loaded.Value.Problem;

    /// <summary>A topic's human label in English, as feeds carry it (a feed is the same for every reader), or its id when the lexicon does not know it.</summary>
    public static string Label(string id) => Lexicon.Find(id)?.Label("en") ?? id;

}
