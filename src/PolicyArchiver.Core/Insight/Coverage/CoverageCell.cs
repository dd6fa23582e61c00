using PolicyArchiver.Insight.Language;

namespace PolicyArchiver.Insight.Coverage;

/// <summary>
/// One document type in one language for one company. A type × language with several declared
/// documents has one cell per document, so no finding hides behind another.
/// </summary>
/// <param name="State">One of <see cref="CoverageStates"/>.</param>
/// <param name="Document">The declared document (<c>company/document</c>); null for a missing cell.</param>
/// <param name="Version">The latest version's number, when there is one.</param>
/// <param name="Detected">The latest version's detected language, when there is one.</param>
/// <param name="LastOutcome">For an unreachable document: its latest attempt's outcome.</param>
/// <param name="Since">For an unreachable document: since when its attempts have failed.</param>
internal sealed record CoverageCell(
    string Type,
    string Language,
    string State,
    string? Document,
    int? Version,
    LanguageDetection? Detected,
    string? LastOutcome,
    DateTimeOffset? Since);
