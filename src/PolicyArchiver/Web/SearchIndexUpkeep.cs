using PolicyArchiver.Search;

namespace PolicyArchiver.Web;

/// <summary>
/// Keeps the site's search index up to date in the background. The first build over a large
/// archive takes minutes (10,000 versions take about a minute here), far longer than a visitor
/// waits, so the site starts it when it starts and a search waits for it only briefly: past
/// <see cref="Patience"/> it answers from what is indexed so far and says how far the build is.
/// One update runs at a time; a request that finds the catalog moved starts the next one.
/// </summary>
internal sealed class SearchIndexUpkeep(ArchiveReader reader)
{
    /// <summary>How long a search waits for an update before answering from the index as it is.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private Task? _running;
    private IndexProgress? _progress;

    /// <summary>Starts an update unless one is running; the update's own failures surface in <see cref="WaitAsync"/>.</summary>
    public Task Start()
    {
        lock (_gate)
        {
            if (_running is null || _running.IsCompleted)
            {
                _progress = null;
                _running = Task.Run(() => ArchiveSearch.UpdateAsync(reader, rebuild: false, new Reported(p => _progress = p), CancellationToken.None));
            }
            return _running;
        }
    }

    /// <summary>
    /// Brings the index up to date, waiting at most <paramref name="patience"/> (default <see cref="Patience"/>):
    /// null once it is, otherwise how far the build is.
    /// </summary>
    public async Task<IndexProgress?> WaitAsync(CancellationToken ct, TimeSpan? patience = null)
    {
        var update = Start();
        if (await Task.WhenAny(update, Task.Delay(patience ?? Patience, ct)) == update)
        {
            await update;
            return null;
        }
        ct.ThrowIfCancellationRequested();
        return _progress ?? new IndexProgress(0, 0);
    }

    /// <summary>How far a build is, for the API's header: <c>building; indexed=N; missing=M</c>.</summary>
    public static string Describe(IndexProgress p) => FormattableString.Invariant($"building; indexed={p.Indexed}; missing={p.Missing}");

    /// <summary>Progress kept as it is reported, on the reporting thread (<see cref="Progress{T}"/> would post it later).</summary>
    private sealed class Reported(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }
}
