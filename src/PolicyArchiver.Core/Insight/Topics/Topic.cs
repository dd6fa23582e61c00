namespace PolicyArchiver.Insight.Topics;

/// <summary>
/// A subject researchers score policies on (third parties, retention, …) and the words that
/// signal it. Labels are per language because the site and its readers are trilingual.
/// </summary>
/// <param name="Id">Stable id used in JSON, feeds and <c>--topic</c>, e.g. <c>third-parties</c>.</param>
/// <param name="Labels">Human label by language code (<c>en</c>, <c>ru</c>, <c>kk</c>).</param>
/// <param name="Keywords">Keywords by language code; every language's keywords apply to every text.</param>
internal sealed record Topic(
    string Id,
    IReadOnlyDictionary<string, string> Labels,
    string Description,
    IReadOnlyDictionary<string, IReadOnlyList<TopicKeyword>> Keywords)
{
    /// <summary>The label in <paramref name="language"/>, else English, else the id.</summary>
    public string Label(string language = "en") =>
        Labels.TryGetValue(language, out var l) ? l : Labels.TryGetValue("en", out var en) ? en : Id;
}
