using System.Text;

namespace PolicyArchiver.Targets;

/// <summary>
/// A document's declarative extraction rules from targets.json: which elements hold the policy
/// (<c>select</c>), which to leave out (<c>remove</c>), volatile fragments to drop from the text
/// (<c>ignore</c>, regular expressions) and URL query parameters to strip from links (<c>stripQuery</c>).
/// </summary>
internal sealed record ExtractionRules(
    IReadOnlyList<string> Select,
    IReadOnlyList<string> Remove,
    IReadOnlyList<string> Ignore,
    IReadOnlyList<string> StripQuery)
{
    public static readonly ExtractionRules Default = new([], [], [], []);

    /// <summary>SHA-256 of the rules in a fixed form: a version records which rules produced it.</summary>
    public string Hash => Hashing.Sha256Hex(Encoding.UTF8.GetBytes(string.Join("\n",
        Select.Select(s => "select " + s)
            .Concat(Remove.Select(s => "remove " + s))
            .Concat(Ignore.Select(s => "ignore " + s))
            .Concat(StripQuery.Select(s => "strip-query " + s)))));
}
