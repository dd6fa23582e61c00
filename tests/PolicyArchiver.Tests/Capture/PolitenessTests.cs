using Microsoft.Extensions.Time.Testing;
using PolicyArchiver.Capture;

namespace PolicyArchiver.Tests.Capture;

/// <summary>The politeness gate on a fake clock: the pause between two captures of a host is moved through, not slept.</summary>
public class PolitenessTests
{
    private static readonly TimeSpan HostDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30); // a hang is a failure, not a stuck run

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_host_is_captured_again_only_after_its_delay_has_passed_since_the_last_capture_ended()
    {
        var politeness = new Politeness(4, HostDelay, _time);
        await (await politeness.EnterAsync("bank.kz", CancellationToken.None)).DisposeAsync();

        var next = politeness.EnterAsync("bank.kz", CancellationToken.None);
        _time.Advance(HostDelay - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await (await next.WaitAsync(Bound)).DisposeAsync();
    }

    [Fact]
    public async Task The_delay_counts_from_the_end_of_the_capture_not_its_start()
    {
        var politeness = new Politeness(4, HostDelay, _time);
        var first = await politeness.EnterAsync("bank.kz", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1)); // a long capture
        await first.DisposeAsync();

        var next = politeness.EnterAsync("bank.kz", CancellationToken.None);
        _time.Advance(HostDelay / 2);
        Assert.False(next.IsCompleted);
        _time.Advance(HostDelay / 2);
        await (await next.WaitAsync(Bound)).DisposeAsync();
    }

    [Fact]
    public async Task One_capture_at_a_time_per_host_however_much_time_passes()
    {
        var politeness = new Politeness(4, HostDelay, _time);
        var first = await politeness.EnterAsync("bank.kz", CancellationToken.None);
        var second = politeness.EnterAsync("BANK.kz", CancellationToken.None); // host names are case-insensitive
        _time.Advance(TimeSpan.FromHours(1));
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        Assert.False(second.IsCompleted); // now the pause
        _time.Advance(HostDelay);
        await (await second.WaitAsync(Bound)).DisposeAsync();
    }

    [Fact]
    public async Task Other_hosts_do_not_wait_for_a_host_s_delay()
    {
        var politeness = new Politeness(4, HostDelay, _time);
        await (await politeness.EnterAsync("bank.kz", CancellationToken.None)).DisposeAsync();
        var other = politeness.EnterAsync("telecom.kz", CancellationToken.None);
        Assert.True(other.IsCompletedSuccessfully); // no time has passed at all
        await (await other).DisposeAsync();
    }

    [Fact]
    public async Task The_global_bound_holds_captures_of_other_hosts_until_a_slot_is_free()
    {
        var politeness = new Politeness(1, TimeSpan.Zero, _time);
        var first = await politeness.EnterAsync("bank.kz", CancellationToken.None);
        var other = politeness.EnterAsync("telecom.kz", CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.False(other.IsCompleted);
        await first.DisposeAsync();
        await (await other.WaitAsync(Bound)).DisposeAsync();
    }

    [Fact]
    public async Task A_cancelled_wait_releases_the_host_for_the_next_capture()
    {
        var politeness = new Politeness(4, HostDelay, _time);
        await (await politeness.EnterAsync("bank.kz", CancellationToken.None)).DisposeAsync();
        using var cancel = new CancellationTokenSource();
        var waiting = politeness.EnterAsync("bank.kz", cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Bound));

        var next = politeness.EnterAsync("bank.kz", CancellationToken.None);
        _time.Advance(HostDelay);
        await (await next.WaitAsync(Bound)).DisposeAsync();
    }
}
