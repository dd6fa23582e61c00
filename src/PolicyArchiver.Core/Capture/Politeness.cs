using System.Collections.Concurrent;

namespace PolicyArchiver.Capture;

/// <summary>
/// How we treat the sites we archive: at most one capture at a time per host, a minimum pause
/// between two captures of the same host, and a global bound on captures in flight.
/// </summary>
internal sealed class Politeness(int concurrency, TimeSpan hostDelay, TimeProvider time)
{
    private readonly TimeProvider _time = time;
    private readonly SemaphoreSlim _global = new(Math.Max(1, concurrency), Math.Max(1, concurrency));
    private readonly ConcurrentDictionary<string, HostGate> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for the host's turn (and a global slot); dispose the result when the capture is done.</summary>
    public async Task<IAsyncDisposable> EnterAsync(string host, CancellationToken ct)
    {
        var gate = _hosts.GetOrAdd(host, _ => new HostGate());
        await gate.Lock.WaitAsync(ct);
        try
        {
            var wait = gate.LastEnd + hostDelay - _time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, ct);
            await _global.WaitAsync(ct);
        }
        catch
        {
            gate.Lock.Release();
            throw;
        }
        return new Turn(this, gate);
    }

    private sealed class HostGate
    {
        public readonly SemaphoreSlim Lock = new(1, 1);
        public DateTimeOffset LastEnd = DateTimeOffset.MinValue;
    }

    private sealed class Turn(Politeness owner, HostGate gate) : IAsyncDisposable
    {
        private int _done;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _done, 1) == 1) return ValueTask.CompletedTask;
            gate.LastEnd = owner._time.GetUtcNow();
            owner._global.Release();
            gate.Lock.Release();
            return ValueTask.CompletedTask;
        }
    }
}
