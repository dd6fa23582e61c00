using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PolicyArchiver.Targets;
using Quartz;

namespace PolicyArchiver.Scheduling;

/// <summary>When each document is captured.</summary>
internal static class DocumentSchedule
{
    /// <summary>
    /// The document's own <c>schedule</c>, or daily at a time of day drawn from its key: spread
    /// over the day, so the documents of one host do not all fire together, and stable across
    /// restarts.
    /// </summary>
    public static string CronFor(Document document)
    {
        if (document.Schedule is { } own) return own;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(document.Key));
        var secondOfDay = BitConverter.ToUInt32(hash, 0) % 86_400;
        return string.Create(CultureInfo.InvariantCulture, $"{secondOfDay % 60} {secondOfDay / 60 % 60} {secondOfDay / 3600} * * ?");
    }

    public static CronExpression Cron(Document document, TimeZoneInfo zone) => new(CronFor(document), zone);

    public static DateTimeOffset? NextRun(Document document, TimeZoneInfo zone, DateTimeOffset after) => Cron(document, zone).GetNextValidTimeAfter(after);

    /// <summary>The time between two consecutive runs after an instant (a cron has no single period; this is the current one).</summary>
    public static TimeSpan Period(Document document, TimeZoneInfo zone, DateTimeOffset after)
    {
        var cron = Cron(document, zone);
        var first = cron.GetNextValidTimeAfter(after);
        var second = first is null ? null : cron.GetNextValidTimeAfter(first.Value);
        return first is null || second is null ? TimeSpan.MaxValue : second.Value - first.Value;
    }

    /// <summary>
    /// True when the last observation is older than the document's period: the machine was down
    /// or asleep at the tick, and the document is due now rather than at the next tick.
    /// </summary>
    public static bool IsOverdue(Document document, TimeZoneInfo zone, DateTimeOffset? lastObservation, DateTimeOffset now) =>
        lastObservation is null || now - lastObservation.Value > Period(document, zone, now);
}
