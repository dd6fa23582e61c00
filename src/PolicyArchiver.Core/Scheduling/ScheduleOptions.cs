namespace PolicyArchiver.Scheduling;

/// <summary>Settings of the long-running <c>run</c> service.</summary>
internal sealed class ScheduleOptions
{
    /// <summary>The zone cron schedules are read in: the archive's, not the machine's.</summary>
    public string TimeZone { get; set; } = "Asia/Almaty";

    /// <summary>How often the ledger head is signed while running (also at stop).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often targets.json is checked for edits.</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
