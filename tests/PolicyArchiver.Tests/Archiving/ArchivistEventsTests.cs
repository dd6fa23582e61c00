using System.Collections.Concurrent;
using PolicyArchiver.Archiving;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Tests.Archiving;

/// <summary>What the archivist reports as it works, on the fixture site with a real Chromium: what subscribers (progress, logs, webhooks) see.</summary>
public class ArchivistEventsTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private sealed class Heard
    {
        public readonly ConcurrentQueue<CaptureStartedArgs> Started = new();
        public readonly ConcurrentQueue<SnapshotStoredArgs> Snapshots = new();
        public readonly ConcurrentQueue<ObservationRecordedArgs> Observations = new();
        public readonly ConcurrentQueue<VersionRecordedArgs> Versions = new();
        public readonly ConcurrentQueue<ObservationRecordedArgs> Blocked = new();
        public readonly ConcurrentQueue<RoundFinishedArgs> Rounds = new();

        public Heard(ArchivistEvents events)
        {
            events.CaptureStarted += Started.Enqueue;
            events.SnapshotStored += Snapshots.Enqueue;
            events.ObservationRecorded += Observations.Enqueue;
            events.VersionRecorded += Versions.Enqueue;
            events.CaptureBlocked += Blocked.Enqueue;
            events.RoundFinished += Rounds.Enqueue;
        }
    }

    [Fact]
    public async Task A_round_reports_each_capture_its_snapshot_its_version_a_blocked_page_and_its_end()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var archivist = temp.Archivist(chromium.Browser);
        var heard = new Heard(archivist.Events);
        // A policy, a page gone (404) and a page behind a bot challenge (403).
        var documents = new[] { "privacy-policy-ru", "cookie-policy-ru", "transparency-report-en" }.Select(temp.Document).ToList();

        var observations = await archivist.CaptureRoundAsync(documents, CancellationToken.None);

        Assert.Equal(documents.Select(d => d.Key).Order(), heard.Started.Select(e => e.Document.Key).Order());
        Assert.Equal(observations.OrderBy(o => o.Id), heard.Observations.Select(e => e.Observation).OrderBy(o => o.Id));
        Assert.All(heard.Observations, e => Assert.Equal(e.Document.Key, e.Observation.Document));
        Assert.All(heard.Started, s => Assert.True(s.At <= observations.Single(o => o.Document == s.Document.Key).At.AddMilliseconds(1)));

        var policy = observations[0];
        var snapshot = Assert.Single(heard.Snapshots);
        Assert.Equal((policy.Document, policy.SnapshotSha256), (snapshot.Document.Key, snapshot.Snapshot.BodySha256));
        var version = Assert.Single(heard.Versions);
        var recorded = Assert.Single(await temp.Archive.Catalog.GetVersionsAsync(policy.Document));
        Assert.Equal((policy.Document, policy.Id, 1, recorded.TextSha256), (version.Document.Key, version.Observation.Id, version.Version.Number, version.Version.TextSha256));
        Assert.True(version.Version.Added > 0);

        var blocked = Assert.Single(heard.Blocked);
        Assert.Equal((observations[2].Id, Outcome.Blocked, 403), (blocked.Observation.Id, blocked.Observation.Outcome, blocked.Observation.HttpStatus));

        var round = Assert.Single(heard.Rounds);
        Assert.Equal(observations, round.Observations);
        Assert.Equal([(Outcome.Ok, 1), (Outcome.NotFound, 1), (Outcome.Blocked, 1)], round.Counts);
        Assert.Equal(1, round.NewVersions);
    }

    [Fact]
    public async Task An_unchanged_capture_stores_its_snapshot_but_reports_no_version()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var archivist = temp.Archivist(chromium.Browser);
        var document = temp.Document("privacy-policy-ru");
        await archivist.CaptureAsync(document, CancellationToken.None);
        var heard = new Heard(archivist.Events);

        var again = await archivist.CaptureAsync(document, CancellationToken.None);

        Assert.Equal((Outcome.Ok, false), (again.Outcome, again.NewVersion));
        Assert.Equal(again.SnapshotSha256, Assert.Single(heard.Snapshots).Snapshot.BodySha256);
        Assert.Equal(again.Id, Assert.Single(heard.Observations).Observation.Id);
        Assert.Empty(heard.Versions);
        Assert.Empty(heard.Blocked);
        // A single capture is no round.
        Assert.Empty(heard.Rounds);
    }
}
