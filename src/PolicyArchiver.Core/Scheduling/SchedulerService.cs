using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Targets;
using Quartz;

namespace PolicyArchiver.Scheduling;

/// <summary>
/// Keeps the Quartz scheduler in step with targets.json: schedules every document, captures
/// promptly the ones whose last observation is older than their period (the machine was down),
/// schedules the periodic checkpoints, and reloads targets.json when it is edited — keeping the previous targets
/// when an edit is invalid.
/// </summary>
internal sealed class SchedulerService(
    ISchedulerFactory schedulers,
    TargetsState targets,
    Archive archive,
    ScheduleOptions options,
    string targetsFile,
    TimeProvider time,
    ILogger<SchedulerService> log) : BackgroundService
{
    /// <summary>The trigger group of one-off captures of overdue documents.</summary>
    public const string CatchUpGroup = "catch-up";

    private byte[]? _loadedHash;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var zone = options.Zone();
        _loadedHash = await HashAsync(ct);
        var changes = await JobSynchronizer.ApplyAsync(scheduler, targets.Current, zone, ct);
        log.LogInformation("scheduled {Count} documents (time zone {Zone})", changes.Added, zone.Id);
        await CatchUpAsync(scheduler, targets.Current, zone, ct);

        await scheduler.ScheduleJob(
            JobBuilder.Create<CheckpointJob>().WithIdentity(CheckpointJob.Key).Build(),
            TriggerBuilder.Create().WithIdentity("checkpoint", "ledger")
                .StartAt(time.GetUtcNow() + options.CheckpointInterval)
                .WithSimpleSchedule(s => s.WithInterval(options.CheckpointInterval).RepeatForever())
                .Build(), new ScheduleJobOptions { Replace = true }, ct);

        using var timer = new PeriodicTimer(options.ReloadInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) await ReloadIfEditedAsync(scheduler, zone, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task CatchUpAsync(IScheduler scheduler, TargetList list, TimeZoneInfo zone, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = 0;
        foreach (var document in list.Documents)
        {
            var last = await archive.Catalog.GetLastObservationAtAsync(document.Key, ct);
            if (!DocumentSchedule.IsOverdue(document, zone, last, now)) continue;
            // One catch-up trigger per document, named after it: when several nodes start at once,
            // the first one's trigger stands and the others' are refused, so it is captured once.
            var catchUp = TriggerBuilder.Create()
                .WithIdentity(document.Key, CatchUpGroup)
                .ForJob(document.Key, CaptureJob.Group)
                .StartNow()
                .Build();
            try
            {
                await scheduler.ScheduleJob(catchUp, new ScheduleJobOptions(), ct);
                due++;
            }
            catch (ObjectAlreadyExistsException)
            {
            }
        }
        if (due > 0) log.LogInformation("{Count} documents were due (never captured, or missed while the archiver was down): capturing them now", due);
    }

    private async Task ReloadIfEditedAsync(IScheduler scheduler, TimeZoneInfo zone, CancellationToken ct)
    {
        var hash = await HashAsync(ct);
        if (hash is null || _loadedHash is not null && hash.AsSpan().SequenceEqual(_loadedHash)) return;
        _loadedHash = hash;
        TargetList loaded;
        try
        {
            loaded = await TargetsLoader.LoadAsync(targetsFile, ct);
        }
        catch (TargetsException e)
        {
            log.LogError("{File} was edited but is invalid; still running the previous targets:\n{Errors}", targetsFile, string.Join("\n", e.Errors));
            return;
        }
        var previous = targets.Current.Documents.Select(d => d.Key).ToHashSet();
        targets.Replace(loaded);
        var changes = await JobSynchronizer.ApplyAsync(scheduler, loaded, zone, ct);
        log.LogInformation("{File} reloaded: {Added} added, {Rescheduled} rescheduled, {Removed} removed", targetsFile, changes.Added, changes.Rescheduled, changes.Removed);
        // A new document is captured now, not at its first tick.
        await CatchUpAsync(scheduler, new TargetList(loaded.Companies.Select(c => c with { Documents = c.Documents.Where(d => !previous.Contains(d.Key)).ToList() }).ToList()), zone, ct);
    }

    private async Task<byte[]?> HashAsync(CancellationToken ct)
    {
        try
        {
            return SHA256.HashData(await File.ReadAllBytesAsync(targetsFile, ct));
        }
        catch (IOException e)
        {
            log.LogError("{File} cannot be read ({Message}); still running the previous targets", targetsFile, e.Message);
            return null;
        }
    }
}
