using PolicyArchiver.Targets;
using Quartz;

namespace PolicyArchiver.Scheduling;

/// <summary>Makes the scheduler's capture jobs match the targets: adds, reschedules and removes.</summary>
internal static class JobSynchronizer
{
    public sealed record Changes(int Added, int Rescheduled, int Removed);

    public static async Task<Changes> ApplyAsync(IScheduler scheduler, TargetList targets, TimeZoneInfo zone, CancellationToken ct)
    {
        var desired = targets.Documents.ToDictionary(d => d.Key, d => DocumentSchedule.CronFor(d));
        var existing = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(CaptureJob.Group), ct);
        int added = 0, rescheduled = 0, removed = 0;

        foreach (var job in existing.Where(j => !desired.ContainsKey(j.Name)))
        {
            // The document's history stays in the archive; only its schedule goes.
            await scheduler.DeleteJob(job, ct);
            removed++;
        }
        foreach (var (key, cron) in desired)
        {
            var triggerKey = new TriggerKey(key, CaptureJob.Group);
            var trigger = TriggerBuilder.Create()
                .WithIdentity(triggerKey)
                .ForJob(key, CaptureJob.Group)
                .WithCronSchedule(cron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build();
            if (await scheduler.GetTrigger(triggerKey, ct) is ICronTrigger current)
            {
                if (current.CronExpressionString == cron && current.TimeZone.Id == zone.Id) continue;
                await scheduler.RescheduleJob(triggerKey, trigger, ct);
                rescheduled++;
                continue;
            }
            // Recovery: a capture cut off by a node that died is run again by another node.
            var detail = JobBuilder.Create<CaptureJob>().WithIdentity(key, CaptureJob.Group).RequestRecovery().Build();
            try
            {
                await scheduler.ScheduleJob(detail, trigger, new ScheduleJobOptions(), ct);
                added++;
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another node of the cluster scheduled it in between: the shared store has it.
            }
        }
        return new Changes(added, rescheduled, removed);
    }
}
