using System.Collections.Concurrent;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace PolicyArchiver.Capture;

/// <summary>
/// Per host: retries with backoff and jitter around a circuit breaker around a timeout per
/// attempt. The breaker is per host so that one dead site does not stop the others; what made it
/// open is kept, so that a capture it refuses can say why.
/// </summary>
internal sealed class HostResilience(Capturer capturer, CaptureOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<PageCapture>> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, PageCapture> _lastFailure = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The failure that last opened the host's breaker, if any.</summary>
    public PageCapture? LastFailure(string host) => _lastFailure.GetValueOrDefault(host);

    public ResiliencePipeline<PageCapture> For(string host) => _hosts.GetOrAdd(host, h =>
        new ResiliencePipelineBuilder<PageCapture> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<PageCapture>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { IsTransient: true } r && !(r.RetryAfter > options.MaxRetryAfter)
                    || args.Outcome.Exception is TimeoutRejectedException),
                MaxRetryAttempts = Math.Max(0, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                // 429 and 503 may say when to come back; that beats our own guess.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = async args =>
                {
                    // An attempt that outlived its timeout means the browser hangs: start a fresh one.
                    if (args.Outcome.Exception is TimeoutRejectedException) await capturer.ResetBrowserAsync();
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<PageCapture>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { IsTransient: true } || args.Outcome.Exception is TimeoutRejectedException),
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, options.CircuitFailures),
                SamplingDuration = options.CircuitSamplingDuration,
                BreakDuration = options.CircuitBreakDuration,
                OnOpened = args =>
                {
                    if (args.Outcome.Result is { } failure) _lastFailure[h] = failure;
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build());
}
