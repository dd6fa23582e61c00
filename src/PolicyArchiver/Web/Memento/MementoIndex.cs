using PolicyArchiver.Importing;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Web.Memento;

/// <summary>
/// Which captures are mementos of an original URL: every ok observation with a snapshot whose
/// requested URL or final URL is that URL, compared by <see cref="UrlKey"/> (scheme, host case,
/// default port, trailing slash and fragment do not matter). Documents that share a URL (one
/// redirects to another's page) have their captures merged in time order.
/// Asks the catalog on every request: correct first; an index to keep can come when it is slow.
/// </summary>
internal sealed class MementoIndex(ArchiveReader reader)
{
    /// <summary>
    /// The mementos of <paramref name="original"/>, oldest first, at most one per second (the
    /// resolution of their datetimes and addresses): of two captures in the same second, the first.
    /// </summary>
    public async Task<IReadOnlyList<MementoCapture>> FindAsync(Uri original, CancellationToken ct)
    {
        var key = UrlKey.Of(original.AbsoluteUri);
        if (key is null) return [];
        var found = new List<(Observation Observation, Snapshot Snapshot)>();
        foreach (var document in await DocumentsAsync(ct))
        {
            foreach (var observation in await reader.Catalog.GetObservationsAsync(document, ct))
            {
                if (observation.Outcome != Outcome.Ok || observation.SnapshotSha256 is null) continue;
                if (UrlKey.Of(observation.Url) != key && (observation.FinalUrl is null || UrlKey.Of(observation.FinalUrl) != key)) continue;
                if (await reader.Catalog.GetSnapshotAsync(observation.Id, ct) is { } snapshot) found.Add((observation, snapshot));
            }
        }
        return found
            .OrderBy(c => c.Observation.At).ThenBy(c => c.Observation.Id)
            .GroupBy(c => MementoDatetime.ToSecond(c.Observation.At))
            .Select(g => new MementoCapture(g.Key, g.First().Observation, g.First().Snapshot))
            .ToList();
    }

    /// <summary>
    /// Every document with observations, tracked or not. A document's target URL (targets.json) is
    /// what its observations requested, so matching their URLs finds it; matching the observations
    /// rather than today's targets keeps a capture a memento of the URL it was made from after
    /// targets.json points the document elsewhere.
    /// </summary>
    private Task<IReadOnlyList<string>> DocumentsAsync(CancellationToken ct) => reader.Catalog.GetDocumentsAsync(ct);

    /// <summary>The memento nearest to an instant; of two as near, the earlier.</summary>
    public static MementoCapture Nearest(IReadOnlyList<MementoCapture> mementos, DateTimeOffset at) =>
        mementos.OrderBy(m => (m.Datetime - at).Duration()).ThenBy(m => m.Datetime).First();
}
