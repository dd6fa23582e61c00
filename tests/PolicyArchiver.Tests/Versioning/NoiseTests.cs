using PolicyArchiver.Archiving;
using PolicyArchiver.Capture;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Versioning;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Tests.Versioning;

/// <summary>One noisy policy site and one real Chromium for the noise tests.</summary>
public sealed class NoiseFixture : IAsyncLifetime
{
    public NoiseSite Site { get; private set; } = null!;
    internal ChromiumBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Site = await NoiseSite.StartAsync();
        Browser = new ChromiumBrowser(ChromiumFixture.Options());
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Site.DisposeAsync();
    }
}

/// <summary>Per-request noise of every kind in the article itself, against real edits, captured with Chromium.</summary>
public class NoiseTests(NoiseFixture fixture) : IClassFixture<NoiseFixture>
{
    private async Task<(TempArchive Temp, Archivist Archivist, Document Document, NoiseSite.Tenant Tenant)> ArchiveAsync(string extraFields = "")
    {
        var tenant = fixture.Site.NewTenant();
        var temp = await TempArchive.CreateAsync(NoiseSite.TargetsFor(tenant, extraFields));
        return (temp, temp.Archivist(fixture.Browser), temp.Targets.Documents.Single(), tenant);
    }

    [Fact]
    public async Task Per_request_noise_of_every_kind_never_makes_a_version_and_is_listed_as_learned_noise()
    {
        var (temp, archivist, document, _) = await ArchiveAsync();
        using var _ = temp;
        for (var round = 0; round < 5; round++)
            Assert.Equal(Outcome.Ok, (await archivist.CaptureAsync(document, CancellationToken.None)).Outcome);

        var versions = await temp.Archive.Catalog.GetVersionsAsync(document.Key);
        Assert.Single(versions);
        var text = await temp.Archive.ReadTextAsync(versions[0]);
        // The entity-encoded address is stored in canonical form.
        Assert.Contains("(mailto:office@noisybank.kz)", text);
        Assert.DoesNotContain("&#", text);

        var noise = await new NoiseStore(temp.Archive.Blobs, temp.Archive.Catalog, temp.Archive.Catalog).LoadAsync(document.Key, CancellationToken.None);
        var learned = noise.VolatileSpans.Select(s => s.Context).ToList();
        Assert.Contains(learned, c => c.Contains("обновлена ⟨*⟩ минут"));
        Assert.Contains(learned, c => c.Contains("поддержки ⟨*⟩"));
        Assert.Contains(learned, c => c.Contains("пишите на ⟨*⟩ @ noisybank"));
        // Every observation after the first was a capture, not a failure, and made no version.
        var observations = await temp.Archive.Catalog.GetObservationsAsync(document.Key);
        Assert.All(observations, o => Assert.Equal(Outcome.Ok, o.Outcome));
        Assert.Single(observations, o => o.NewVersion);
    }

    [Fact]
    public async Task A_real_edit_is_confirmed_by_a_second_fetch_and_both_observations_are_kept()
    {
        var (temp, archivist, document, tenant) = await ArchiveAsync();
        using var _ = temp;
        await archivist.CaptureAsync(document, CancellationToken.None);
        await archivist.CaptureAsync(document, CancellationToken.None);

        tenant.Retention = "5 лет";
        var requestsBefore = tenant.RequestCount;
        var changed = await archivist.CaptureAsync(document, CancellationToken.None);
        Assert.True(changed.NewVersion);
        Assert.Equal(2, changed.Version);
        Assert.StartsWith("change confirmed by a second fetch", changed.Detail);
        Assert.True(tenant.RequestCount - requestsBefore >= 2, "the page was fetched twice");

        var observations = await temp.Archive.Catalog.GetObservationsAsync(document.Key);
        var confirmation = observations.Single(o => o.At > changed.At);
        Assert.Equal((Outcome.Ok, false, 2), (confirmation.Outcome, confirmation.NewVersion, confirmation.Version));
        Assert.StartsWith("second fetch confirming", confirmation.Detail);
        Assert.NotNull(confirmation.SnapshotSha256);

        var v2 = await temp.Archive.ReadTextAsync((await temp.Archive.Catalog.GetLatestVersionAsync(document.Key))!);
        Assert.Contains("составляет 5 лет с момента", v2);
        Assert.Single(await temp.Archive.Catalog.GetChangesAsync(document.Key));
    }

    [Fact]
    public async Task A_change_that_two_fetches_moments_apart_do_not_agree_on_makes_no_version()
    {
        var (temp, archivist, document, tenant) = await ArchiveAsync();
        using var _ = temp;
        await archivist.CaptureAsync(document, CancellationToken.None);
        await archivist.CaptureAsync(document, CancellationToken.None);

        tenant.FlipRetention = "5 лет"; // every other request: a site half deployed
        var observation = await archivist.CaptureAsync(document, CancellationToken.None);
        Assert.False(observation.NewVersion);
        Assert.StartsWith("no change", observation.Detail);
        Assert.Single(await temp.Archive.Catalog.GetVersionsAsync(document.Key));
    }

    [Fact]
    public async Task A_volatile_place_whose_value_really_changes_makes_a_version()
    {
        var (temp, archivist, document, tenant) = await ArchiveAsync();
        using var _ = temp;
        for (var round = 0; round < 4; round++) await archivist.CaptureAsync(document, CancellationToken.None);
        Assert.Single(await temp.Archive.Catalog.GetVersionsAsync(document.Key));

        // The contact address, which carries a different code on every request, now names another mailbox.
        tenant.User = "dpo";
        var changed = await archivist.CaptureAsync(document, CancellationToken.None);
        Assert.True(changed.NewVersion);
        var text = await temp.Archive.ReadTextAsync((await temp.Archive.Catalog.GetLatestVersionAsync(document.Key))!);
        Assert.Matches("пишите на dpo[0-9a-f]{10}@noisybank.kz", text);

        Assert.False((await archivist.CaptureAsync(document, CancellationToken.None)).NewVersion);
        Assert.Equal(2, (await temp.Archive.Catalog.GetVersionsAsync(document.Key)).Count);
    }

    [Fact]
    public async Task Latin_look_alikes_inside_Russian_words_are_no_change_and_the_text_keeps_what_was_served()
    {
        var (temp, archivist, document, tenant) = await ArchiveAsync();
        using var _ = temp;
        await archivist.CaptureAsync(document, CancellationToken.None);
        tenant.LookAlikes = true;
        var swapped = await archivist.CaptureAsync(document, CancellationToken.None);
        Assert.False(swapped.NewVersion);
        Assert.Single(await temp.Archive.Catalog.GetVersionsAsync(document.Key));

        // A real edit among look-alikes: the version keeps the served letters, the change counts only the edit.
        tenant.Retention = "5 лет";
        Assert.True((await archivist.CaptureAsync(document, CancellationToken.None)).NewVersion);
        var v2 = await temp.Archive.ReadTextAsync((await temp.Archive.Catalog.GetLatestVersionAsync(document.Key))!);
        Assert.Contains("Пoлитика", v2); // Latin o, as served
        var v1 = await temp.Archive.ReadTextAsync((await temp.Archive.Catalog.GetVersionAsync(document.Key, 1))!);
        var words = PolicyArchiver.Changes.TextDiff.WordLevel(v1, v2);
        Assert.Contains("[-3-]{+5+} [-года-]{+лет+}", words);
        Assert.DoesNotContain("Пoлитика", words);
    }

    [Fact]
    public async Task With_noise_learning_off_in_targets_every_differing_capture_is_compared_exactly()
    {
        var (temp, archivist, document, _) = await ArchiveAsync(""", "noise": { "learn": false }""");
        using var _ = temp;
        Assert.False(document.Noise.Learn);
        await archivist.CaptureAsync(document, CancellationToken.None);
        await archivist.CaptureAsync(document, CancellationToken.None);
        // The ticket number and the minutes are in the article: without learned noise they are changes.
        Assert.True((await temp.Archive.Catalog.GetVersionsAsync(document.Key)).Count >= 2);
    }
}
