using Microsoft.Extensions.Logging;
using PolicyArchiver.Archiving;
using PolicyArchiver.Storage;
using Quartz;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Scheduling;

/// <summary>One document's scheduled capture. Never runs twice at once for the same document.</summary>
[DisallowConcurrentExecution]
internal sealed class CaptureJob(TargetsState targets, Archivist archivist, ILogger<CaptureJob> log) : IJob
{
    public const string Group = "capture";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var key = context.JobDetail.Key.Name;
        // The targets may have been edited since the job was scheduled: use the document as it is now.
        var document = targets.Current.Find(key);
        if (document is null) return;
        // The observation is logged as the archivist reports it. Only this document's: jobs of other
        // documents run at the same time, and a job never runs twice at once for the same document.
        void Log(ObservationRecordedArgs recorded)
        {
            if (recorded.Document.Key != key) return;
            var o = recorded.Observation;
            // The firing it served is logged: in a cluster, each firing shows up on exactly one node.
            log.LogInformation("{Document}: {Outcome}{Status}{Version} after {Attempts} attempt(s), {Duration} ms{Detail} (firing {Fired} on {Node})",
                key, o.Outcome.ToWire(), o.HttpStatus is { } s ? $" HTTP {s}" : "", o.NewVersion ? $", new version {o.Version}" : "",
                o.Attempts, o.DurationMs, o.Detail is { } d ? $": {d}" : "",
                Instant.Format(context.ScheduledFireTimeUtc ?? context.FireTimeUtc),
                context.Scheduler.SchedulerInstanceId);
        }
        archivist.Events.ObservationRecorded += Log;
        try
        {
            await archivist.CaptureAsync(document, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            log.LogInformation("{Document}: capture abandoned at shutdown; nothing was recorded for it", key);
        }
        catch (Exception e)
        {
            // The archive could not record the attempt (disk full, database locked…): say so and
            // let the next tick try again, rather than take the whole service down.
            log.LogError(e, "{Document}: capture failed and was not recorded", key);
        }
        finally
        {
            archivist.Events.ObservationRecorded -= Log;
        }
    }
}
