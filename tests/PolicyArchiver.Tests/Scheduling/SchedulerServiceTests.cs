using System.Collections.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PolicyArchiver.Scheduling;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;
using Quartz;

namespace PolicyArchiver.Tests.Scheduling;

/// <summary>
/// Our own schedule logic on a fake clock: what is due at start, the checkpoint's first tick, and
/// targets.json reloads, with Quartz's scheduler kept unstarted so that nothing fires behind the test's
/// back. Quartz firing on the real clock is what RunTests and ClusterTests prove end to end.
/// </summary>
public sealed class SchedulerServiceTests : IAsyncLifetime
{
    private const string Privacy = "testbank/privacy-policy-ru";
    private const string Kazakh = "testbank/privacy-policy-kk";
    private const string Offer = "testbank/public-offer-ru";
    private const string Daily = "0 0 4 * * ?";
    private static int _schedulers;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ScheduleOptions _options = new() { CheckpointInterval = TimeSpan.FromMinutes(30), ReloadInterval = TimeSpan.FromSeconds(2) };
    private TempArchive _temp = null!;
    private ServiceProvider _services = null!;
    private IScheduler _scheduler = null!;
    private readonly ListLogger _log = new();
    private SchedulerService? _service;
    private TargetsState? _targets;

    public async Task InitializeAsync()
    {
        _temp = await TempArchive.CreateAsync(Targets((Privacy, Daily), (Kazakh, Daily)), testStorage: true);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddQuartz(new NameValueCollection { ["quartz.scheduler.instanceName"] = $"schedule-tests-{Interlocked.Increment(ref _schedulers)}" }, q => q.UseInMemoryStore());
        _services = services.BuildServiceProvider();
        _scheduler = await _services.GetRequiredService<ISchedulerFactory>().GetScheduler();
    }

    public async Task DisposeAsync()
    {
        if (_service is not null) await _service.StopAsync(CancellationToken.None);
        await _scheduler.Shutdown();
        await _services.DisposeAsync();
        _temp.Dispose();
    }

    private static string Targets(params (string Document, string Schedule)[] documents)
    {
        var list = string.Join(",\n", documents.Select(d =>
            $$"""{ "id": "{{d.Document.Split('/')[1]}}", "type": "privacy-policy", "language": "ru", "url": "http://127.0.0.1:9/{{d.Document.Split('/')[1]}}", "schedule": "{{d.Schedule}}" }"""));
        return $$"""{ "companies": [ { "id": "testbank", "name": "Test Bank", "sector": "banking", "homepage": "http://127.0.0.1:9/", "documents": [ {{list}} ] } ] }""";
    }

    private Task RecordAsync(string document, DateTimeOffset at) =>
        _temp.Archive.Catalog.RecordAsync(new CaptureRecord(document, at, Outcome.NetworkError, null, "http://127.0.0.1/", null,
            "net::ERR_INTERNET_DISCONNECTED", 4, 1000, null, null, []));

    private async Task StartAsync()
    {
        _targets = new TargetsState(_temp.Targets);
        _service = new SchedulerService(_services.GetRequiredService<ISchedulerFactory>(), _targets, _temp.Archive, _options, _temp.TargetsFile, _time, _log);
        await _service.StartAsync(CancellationToken.None);
        // Started means scheduled: the service's first act is to schedule what targets.json lists.
        await Eventually.WaitAsync(async () => await _scheduler.GetTrigger(new TriggerKey("checkpoint", "ledger")) is not null, "the checkpoint scheduled");
    }

    private async Task<bool> CatchingUpAsync(string document) => await _scheduler.GetTrigger(new TriggerKey(document, SchedulerService.CatchUpGroup)) is not null;

    private async Task<bool> ScheduledAsync(string document) =>
        (await _scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(CaptureJob.Group))).Contains(new JobKey(document, CaptureJob.Group));

    [Fact]
    public async Task At_start_a_document_last_seen_more_than_its_period_ago_is_due_and_one_seen_within_it_is_not()
    {
        await RecordAsync(Privacy, _time.GetUtcNow().AddDays(-3));
        await RecordAsync(Kazakh, _time.GetUtcNow().AddHours(-1));
        await StartAsync();

        Assert.True(await ScheduledAsync(Privacy));
        Assert.True(await ScheduledAsync(Kazakh));
        Assert.True(await CatchingUpAsync(Privacy));
        Assert.False(await CatchingUpAsync(Kazakh));
    }

    [Fact]
    public async Task A_document_never_captured_is_due_at_start()
    {
        await RecordAsync(Privacy, _time.GetUtcNow().AddMinutes(-5));
        await StartAsync();
        Assert.False(await CatchingUpAsync(Privacy));
        Assert.True(await CatchingUpAsync(Kazakh));
    }

    [Fact]
    public async Task The_first_checkpoint_is_one_interval_after_start_on_the_service_s_clock()
    {
        _time.Advance(TimeSpan.FromDays(400)); // far from the real clock: only the injected one can give this start
        await StartAsync();
        var checkpoint = await _scheduler.GetTrigger(new TriggerKey("checkpoint", "ledger"));
        Assert.Equal(_time.GetUtcNow() + _options.CheckpointInterval, checkpoint!.StartTimeUtc);
    }

    [Fact]
    public async Task An_edit_of_targets_is_picked_up_when_the_clock_reaches_the_reload_interval()
    {
        await RecordAsync(Privacy, _time.GetUtcNow().AddMinutes(-5));
        await RecordAsync(Kazakh, _time.GetUtcNow().AddMinutes(-5));
        await StartAsync();
        await File.WriteAllTextAsync(_temp.TargetsFile, Targets((Privacy, "0 0 3 1 1 ? 2099"), (Offer, Daily)));

        _time.Advance(_options.ReloadInterval);
        await Eventually.WaitAsync(async () => await ScheduledAsync(Offer), "the added document scheduled");
        Assert.True(await CatchingUpAsync(Offer)); // a new document is captured now, not at its first tick
        Assert.False(await ScheduledAsync(Kazakh));
        var privacy = await _scheduler.GetTrigger(new TriggerKey(Privacy, CaptureJob.Group));
        Assert.Equal("0 0 3 1 1 ? 2099", ((ICronTrigger)privacy!).CronExpressionString);
        Assert.False(await CatchingUpAsync(Privacy));
    }

    [Fact]
    public async Task An_invalid_edit_keeps_the_previous_schedule()
    {
        await StartAsync();
        await File.WriteAllTextAsync(_temp.TargetsFile, "{\"companies\": [ {\"id\": \"Bad Id\"} ]}");
        _time.Advance(_options.ReloadInterval);
        await Eventually.WaitAsync(() => Task.FromResult(_log.Lines.Any(l => l.Contains("was edited but is invalid", StringComparison.Ordinal))), "the invalid edit refused");
        Assert.True(await ScheduledAsync(Privacy));
        Assert.True(await ScheduledAsync(Kazakh));
        Assert.Equal([Privacy, Kazakh], _targets!.Current.Documents.Select(d => d.Key));
    }

    /// <summary>The service's log, kept: what it says is how a test knows a reload has run.</summary>
    private sealed class ListLogger : ILogger<SchedulerService>
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();
        public IReadOnlyCollection<string> Lines => _lines;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception));
    }
}
