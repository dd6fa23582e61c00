using PolicyArchiver.Archiving;
using PolicyArchiver.Insight.Language;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Insight.Coverage;

/// <summary>
/// Builds a company's coverage from targets.json and the archive: which document types exist in
/// the state language, in Russian and in English, which are reachable, and which serve the
/// language they claim. Languages are detected from the latest versions' texts, once per text.
/// </summary>
internal sealed class CoverageBuilder(Archive archive)
{
    /// <summary>
    /// A text's language by its digest: a version's text never changes, so neither does its language,
    /// and a page or API answer need not read and detect every document's text again (derived, kept
    /// in memory only; bounded).
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, LanguageDetection> Detected = new();

    private const int DetectedKept = 20_000;

    /// <summary>
    /// Every document's last attempt, read once for the whole matrix: one query rather than the five
    /// of an availability per cell (10,000 documents took seconds). The streak is asked only of
    /// documents that are failing, the few whose cells say since when.
    /// </summary>
    private IReadOnlyDictionary<string, Observation>? _lastAttempts;

    /// <summary>Always shown, the state language first, so that a gap is visible.</summary>
    public static readonly IReadOnlyList<string> StandardLanguages = ["kk", "ru", "en"];

    public async Task<CompanyCoverage> BuildAsync(CoveredCompany company, CancellationToken ct)
    {
        var cells = await CellsAsync(company, ct);
        var links = await PublicArchiveFinder.FindAsync(archive, company.Documents.Select(d => d.Key), ct);
        return new CompanyCoverage(company.Id, company.Name, cells, new PublicArchive(links.Count > 0, links));
    }

    /// <summary>The matrix alone, row by row (types in ordinal order), without reading any snapshot.</summary>
    public async Task<IReadOnlyList<CoverageCell>> CellsAsync(CoveredCompany company, CancellationToken ct)
    {
        var languages = StandardLanguages
            .Concat(company.Documents.Select(d => d.Language).Where(l => !StandardLanguages.Contains(l)).Distinct().Order(StringComparer.Ordinal))
            .ToList();
        var cells = new List<CoverageCell>();
        foreach (var type in CoreDocumentTypes.RowsFor(company.Documents.Select(d => d.Type)))
            foreach (var language in languages)
            {
                var documents = company.Documents.Where(d => d.Type == type && d.Language == language).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
                if (documents.Count == 0) cells.Add(new CoverageCell(type, language, CoverageStates.Missing, null, null, null, null, null));
                foreach (var document in documents) cells.Add(await CellAsync(document, ct));
            }
        return cells;
    }

    private async Task<CoverageCell> CellAsync(CoveredDocument document, CancellationToken ct)
    {
        _lastAttempts ??= await archive.Catalog.GetLastAttemptsAsync(ct);
        var latest = await archive.Catalog.GetLatestVersionAsync(document.Key, ct);
        var detected = latest is null ? null : await DetectAsync(latest, ct);
        var cell = new CoverageCell(document.Type, document.Language, CoverageStates.Archived, document.Key, latest?.Number, detected, null, null);
        if (_lastAttempts.GetValueOrDefault(document.Key) is not { } last) return cell with { State = CoverageStates.NotCaptured };
        if (last.Outcome != Outcome.Ok || detected is null)
        {
            var availability = await archive.Catalog.GetAvailabilityAsync(document.Key, ct);
            return cell with { State = CoverageStates.Unreachable, LastOutcome = (availability.LastAttempt?.Outcome ?? last.Outcome).ToWire(), Since = availability.StreakSince };
        }
        return detected.Serves(document.Language) ? cell : cell with { State = CoverageStates.ServedInWrongLanguage };
    }

    private async Task<LanguageDetection> DetectAsync(DocumentVersion version, CancellationToken ct)
    {
        if (Detected.TryGetValue(version.TextSha256, out var known)) return known;
        var detected = LanguageDetector.Detect(await archive.ReadTextAsync(version, ct));
        if (Detected.Count >= DetectedKept) Detected.Clear();
        return Detected[version.TextSha256] = detected;
    }
}
