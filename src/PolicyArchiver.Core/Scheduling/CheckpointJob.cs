using Microsoft.Extensions.Logging;
using PolicyArchiver.Evidence.Ledger;
using Quartz;

namespace PolicyArchiver.Scheduling;

/// <summary>Signs the ledger's head at least every <see cref="ScheduleOptions.CheckpointInterval"/> while running.</summary>
/// <param name="start">The ledger as <c>run</c> found it: what was recorded since is this service's own (or its cluster's).</param>
[DisallowConcurrentExecution]
internal sealed class CheckpointJob(Checkpointer checkpointer, LedgerStart start, ILogger<CheckpointJob> log) : IJob
{
    public static readonly JobKey Key = new("checkpoint", "ledger");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        try
        {
            if (await checkpointer.CheckpointAsync(start, ct) is { } checkpoint)
                log.LogInformation("checkpoint: ledger entry {Seq} signed{Timestamped}", checkpoint.Seq, checkpoint.TimestampResponse is null ? "" : " and timestamped");
        }
        catch (UnvouchedHistoryException e)
        {
            // Not a transient failure: the ledger changed behind the service's back, and no later checkpoint will sign it either.
            log.LogCritical("{Refusal}", e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "checkpoint failed; the next one will cover the same entries");
        }
    }
}
