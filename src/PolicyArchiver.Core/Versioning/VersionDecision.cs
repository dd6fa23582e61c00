using PolicyArchiver.Changes;
using PolicyArchiver.Extraction;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Versioning;

/// <summary>
/// The one place where a new version is decided, for live captures, imports, rebuilt histories
/// and re-extraction alike: a text is a new version when its canonical form differs from the
/// current version's in more than the document's learned noise (<see cref="NoiseModel"/>).
/// Whitespace, look-alike letters, entity-encoded addresses and volatile spans are not changes;
/// everything else is. A technical version (the rules or the extractor read the same snapshot
/// differently) is any difference at all.
/// </summary>
internal static class VersionDecision
{
    /// <summary>The version to record for <paramref name="text"/>, or null when it is the current version still.</summary>
    /// <param name="number">The number it gets: the current version's + 1 (1 for the first).</param>
    /// <param name="previous">The current version's text, or null when the document has none yet.</param>
    /// <param name="noise">The document's learned noise; null when none is to be discounted.</param>
    public static NewVersion? Decide(Document document, int number, string? previous, string text, string textSha, bool ocr, NoiseModel? noise,
        VersionDecisionOptions options = default)
    {
        if (previous == text) return null;
        if (previous is not null && !options.Technical && !Differs(document, previous, text, noise, options)) return null;
        var counts = TextDiff.Count(previous ?? "", text);
        return new NewVersion(number, textSha, counts.LinesAdded, counts.LinesRemoved, counts.WordsAdded, counts.WordsRemoved,
            Extractor.Version, document.Rules.Hash, options.Technical, ocr);
    }

    private static bool Differs(Document document, string previous, string text, NoiseModel? noise, VersionDecisionOptions options)
    {
        var canonical = options.Canonical ?? CanonicalText.Of;
        var (before, after) = (canonical(previous), canonical(text));
        if (before == after) return false;
        if (!document.Noise.Learn || noise is null) return true;
        return !noise.Covers(before, after, document.Noise.Keeps, options.Known);
    }
}
