using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PolicyArchiver.Archiving;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Webhooks;

/// <summary>
/// The webhooks of <c>run</c>: subscribes to the archivist's recorded observations and delivers
/// the changes of each new version off the capture path, so a slow receiver never delays a capture.
/// </summary>
internal sealed class WebhookService : BackgroundService
{
    private readonly WebhookDispatcher _dispatcher;
    private readonly ILogger<WebhookService> _log;
    private readonly Channel<Observation> _recorded = Channel.CreateUnbounded<Observation>();

    public WebhookService(WebhookDispatcher dispatcher, Archivist archivist, ILogger<WebhookService> log)
    {
        _dispatcher = dispatcher;
        _log = log;
        // Subscribed at once, before the scheduler fires its first capture.
        archivist.Events.ObservationRecorded += OnRecorded;
    }

    private void OnRecorded(ObservationRecordedArgs recorded)
    {
        if (recorded.Observation.NewVersion) _recorded.Writer.TryWrite(recorded.Observation);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Deliveries that failed before the last stop are tried first.
            await DeliverAsync([], stoppingToken);
            while (await _recorded.Reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<Observation>();
                while (_recorded.Reader.TryRead(out var observation)) batch.Add(observation);
                await DeliverAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what was not delivered yet is not in the log, and is not retried.
        }
    }

    private async Task DeliverAsync(IReadOnlyList<Observation> batch, CancellationToken ct)
    {
        try
        {
            await _dispatcher.DeliverRoundAsync(batch, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The archive could not be read or the log written: the service goes on capturing.
            _log.LogError(e, "webhook deliveries failed");
        }
    }
}
