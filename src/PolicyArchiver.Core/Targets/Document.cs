namespace PolicyArchiver.Targets;

/// <summary>
/// One document of a company in one language, addressed as <c>company/document</c>.
/// Language versions are separate documents because availability in the state language
/// is itself something researchers score.
/// </summary>
public sealed record Document(
    string CompanyId,
    string Id,
    string Type,
    string Language,
    Uri Url,
    string? Title,
    IReadOnlyList<string> Select,
    IReadOnlyList<string> Remove,
    string? Schedule)
{
    /// <summary>The document's address, <c>company/document</c>.</summary>
    public string Key => $"{CompanyId}/{Id}";

    /// <summary>A hash of the rules that shape extraction, so a version can say which rules produced it.</summary>
    public string ExtractionRules => string.Join("\n", Select.Select(s => "select:" + s).Concat(Remove.Select(r => "remove:" + r)));
}
