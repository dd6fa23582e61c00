using PolicyArchiver.Scheduling;
using PolicyArchiver.Targets;
using Quartz;

namespace PolicyArchiver.Tests.Scheduling;

public class DocumentScheduleTests
{
    private static readonly TimeZoneInfo Almaty = TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");

    private static Document Doc(string id, string? schedule = null) =>
        new("kaspi", id, "privacy-policy", "ru", new Uri("https://kaspi.kz/" + id), null, [], [], schedule);

    [Fact]
    public void Default_schedule_is_daily_at_a_time_spread_by_document_and_stable()
    {
        var a = DocumentSchedule.CronFor(Doc("privacy-policy-ru"));
        var b = DocumentSchedule.CronFor(Doc("privacy-policy-kk"));
        Assert.Equal(a, DocumentSchedule.CronFor(Doc("privacy-policy-ru")));
        Assert.NotEqual(a, b);
        Assert.EndsWith(" * * ?", a);
        _ = new CronExpression(a); // throws if invalid
        Assert.Equal(TimeSpan.FromDays(1), DocumentSchedule.Period(Doc("privacy-policy-ru"), Almaty, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void An_own_schedule_is_read_in_the_archive_time_zone()
    {
        var doc = Doc("terms-ru", "0 0 6 * * ?");
        var next = DocumentSchedule.NextRun(doc, Almaty, new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero))!.Value;
        Assert.Equal(6, TimeZoneInfo.ConvertTime(next, Almaty).Hour);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 1, 0, 0, TimeSpan.Zero), next); // Almaty is UTC+5
    }

    [Fact]
    public void A_document_is_overdue_when_its_last_observation_is_older_than_its_period()
    {
        var now = new DateTimeOffset(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);
        var doc = Doc("terms-ru", "0 0 6 * * ?");
        Assert.True(DocumentSchedule.IsOverdue(doc, Almaty, null, now));
        Assert.True(DocumentSchedule.IsOverdue(doc, Almaty, now.AddDays(-3), now));
        Assert.False(DocumentSchedule.IsOverdue(doc, Almaty, now.AddHours(-2), now));
    }

    [Fact]
    public async Task Jobs_follow_the_targets_added_rescheduled_removed()
    {
        var factory = QuartzSchedulerBuilder.Create(q => q.UseInMemoryStore()).Build();
        var scheduler = await factory.GetScheduler();
        try
        {
            var first = new TargetList([new Company("kaspi", "Kaspi", "fintech", new Uri("https://kaspi.kz/"), "kz", [Doc("a"), Doc("b", "0 0 6 * * ?")])]);
            Assert.Equal(new JobSynchronizer.Changes(2, 0, 0), await JobSynchronizer.ApplyAsync(scheduler, first, Almaty, CancellationToken.None));
            Assert.Equal(new JobSynchronizer.Changes(0, 0, 0), await JobSynchronizer.ApplyAsync(scheduler, first, Almaty, CancellationToken.None));

            var second = new TargetList([new Company("kaspi", "Kaspi", "fintech", new Uri("https://kaspi.kz/"), "kz", [Doc("b", "0 0 7 * * ?"), Doc("c")])]);
            Assert.Equal(new JobSynchronizer.Changes(1, 1, 1), await JobSynchronizer.ApplyAsync(scheduler, second, Almaty, CancellationToken.None));
            var trigger = (ICronTrigger)(await scheduler.GetTrigger(new TriggerKey("kaspi/b", CaptureJob.Group)))!;
            Assert.Equal("0 0 7 * * ?", trigger.CronExpressionString);
            Assert.Equal("Asia/Almaty", trigger.TimeZone.Id);
            Assert.Null(await scheduler.GetJobDetail(new JobKey("kaspi/a", CaptureJob.Group)));
        }
        finally
        {
            await scheduler.Shutdown();
        }
    }
}
