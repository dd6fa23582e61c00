using PolicyArchiver.Storage;

namespace PolicyArchiver.Insight.Discovery;

/// <summary>
/// Since when each document has been linked from the company's pages, or not: read from the
/// discoveries recorded over time ("no longer linked from the homepage since 2026-03-02").
/// Failed discoveries (homepage unreachable) say nothing about links and are skipped.
/// </summary>
internal static class LinkHistory
{
    /// <summary>A stretch of discoveries in which a document was linked (at a depth) or not.</summary>
    public sealed record Span(string Document, bool Linked, int? Depth, DateTimeOffset Since, DateTimeOffset LastSeen, int Discoveries);

    public static IReadOnlyList<Span> Of(IReadOnlyList<DiscoveryRecord> records)
    {
        var spans = new List<Span>();
        var open = new Dictionary<string, Span>(StringComparer.Ordinal);
        foreach (var record in records.Where(r => r.Outcome == Outcome.Ok.ToWire()).OrderBy(r => r.At))
        {
            foreach (var d in DiscoveryJson.Read(record).Documents)
            {
                if (open.TryGetValue(d.Document, out var span) && span.Linked == d.Linked && span.Depth == d.Depth)
                {
                    open[d.Document] = span with { LastSeen = record.At, Discoveries = span.Discoveries + 1 };
                    continue;
                }
                if (span is not null) spans.Add(span);
                open[d.Document] = new Span(d.Document, d.Linked, d.Depth, record.At, record.At, 1);
            }
        }
        spans.AddRange(open.Values);
        return spans.OrderBy(s => s.Document, StringComparer.Ordinal).ThenBy(s => s.Since).ToList();
    }

    /// <summary>What changed between the previous ok discovery and this one, per document, in words.</summary>
    public static IReadOnlyList<string> Changes(DiscoveryReport? previous, DiscoveryReport current)
    {
        if (previous is null || current.Outcome != Outcome.Ok.ToWire()) return [];
        var before = previous.Documents.ToDictionary(d => d.Document);
        var changes = new List<string>();
        foreach (var d in current.Documents)
        {
            if (!before.TryGetValue(d.Document, out var was)) continue;
            if (was.Linked && !d.Linked) changes.Add($"{d.Document}: no longer linked (was {Clicks(was.Depth)} from the homepage)");
            else if (!was.Linked && d.Linked) changes.Add($"{d.Document}: linked again, {Clicks(d.Depth)} from the homepage");
            else if (was.Linked && d.Linked && was.Depth != d.Depth) changes.Add($"{d.Document}: now {Clicks(d.Depth)} from the homepage (was {Clicks(was.Depth)})");
        }
        var known = previous.Links.Select(l => l.Url).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(current.Candidates.Where(l => !known.Contains(l.Url)).Select(l => $"new link: {l.Type} ({l.Language}) «{l.Text}» {l.Url}"));
        return changes;
    }

    public static string Clicks(int? depth) => depth == 1 ? "1 click" : $"{depth} clicks";
}
