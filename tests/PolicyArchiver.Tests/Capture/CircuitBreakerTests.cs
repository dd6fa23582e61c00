using Microsoft.Extensions.Time.Testing;
using PolicyArchiver.Targets;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Tests.Capture;

/// <summary>
/// The per-host circuit breaker on a fake clock: its break is moved through, not waited for, so the
/// host's second chance is tested at the very instant it is due.
/// </summary>
public class CircuitBreakerTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly TimeSpan Break = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_failing_host_is_left_alone_for_the_break_duration_then_tried_again()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var options = ChromiumFixture.Options();
        options.MaxRetries = 1;
        options.RetryDelay = TimeSpan.Zero; // the retry is immediate: nothing to move through but the break
        options.ConfirmDelay = null;
        options.CircuitFailures = 2;
        options.CircuitBreakDuration = Break;
        options.HostDelay = TimeSpan.Zero;
        var archivist = temp.Archivist(chromium.Browser, options, _time);
        var port = Ports.Closed();
        Document Dead(int i) => temp.Document("privacy-policy-ru") with { Id = $"dead-{i}", Url = new Uri($"http://127.0.0.1:{port}/doc{i}") };
        // The fixture site is on the same host (127.0.0.1), on another port: the breaker is per host.
        var alive = temp.Document("privacy-policy-kk");
        Assert.Equal("127.0.0.1", alive.Url.Host);

        var round = await archivist.CaptureRoundAsync([Dead(1), Dead(2)], CancellationToken.None);
        Assert.Equal([(Outcome.NetworkError, 2), (Outcome.NetworkError, 0)], round.Select(o => (o.Outcome, o.Attempts)));
        Assert.All(round, o => Assert.Equal(_time.GetUtcNow(), o.At)); // observed at the capture's clock, not the machine's
        Assert.StartsWith("not attempted: 127.0.0.1 failed repeatedly, retrying after 5 min", round[1].Detail);

        _time.Advance(Break - TimeSpan.FromSeconds(1));
        var early = await archivist.CaptureAsync(alive, CancellationToken.None);
        Assert.Equal((Outcome.NetworkError, 0), (early.Outcome, early.Attempts));
        Assert.Equal(0, tenant.Requests("kk/privacy")); // the site was not contacted

        _time.Advance(TimeSpan.FromSeconds(1));
        var again = await archivist.CaptureAsync(alive, CancellationToken.None);
        Assert.Equal((Outcome.Ok, 1), (again.Outcome, again.Attempts));
        Assert.Equal(1, tenant.Requests("kk/privacy"));
    }
}
