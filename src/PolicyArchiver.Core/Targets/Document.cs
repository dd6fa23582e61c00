namespace PolicyArchiver.Targets;

/// <summary>
/// One document of a company in one language, addressed as <c>company/document</c>.
/// Language versions are separate documents because availability in the state language
/// is itself something researchers score.
/// </summary>
internal sealed record Document(
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

    /// <summary>Regular expressions for volatile fragments to drop from the text ("updated 5 minutes ago").</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>URL query parameters to strip from links, beyond the built-in tracking and session ones.</summary>
    public IReadOnlyList<string> StripQuery { get; init; } = [];

    /// <summary>Further pages whose text continues this document (a policy split across several URLs), in order.</summary>
    public IReadOnlyList<Uri> Combine { get; init; } = [];

    /// <summary>Overrides of the noise learned from the document's history (targets.json <c>noise</c>).</summary>
    public NoiseSettings Noise { get; init; } = NoiseSettings.Default;

    /// <summary>The rules that shape this document's extraction.</summary>
    public ExtractionRules Rules => new(Select, Remove, Ignore, StripQuery);
}
