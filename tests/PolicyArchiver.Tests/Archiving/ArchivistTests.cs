using PolicyArchiver.Archiving;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Tests.Archiving;

/// <summary>The whole pipeline against the fixture site, with a real Chromium.</summary>
public class ArchivistTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly string[] Documents =
        ["privacy-policy-ru", "privacy-policy-kk", "user-agreement-ru", "public-offer-ru", "personal-data-policy-kk"];

    [Fact]
    public async Task Noise_on_every_request_never_creates_a_version_and_edits_always_do()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var archivist = temp.Archivist(chromium.Browser);
        var documents = Documents.Select(temp.Document).ToList();

        var first = await archivist.CaptureRoundAsync(documents, CancellationToken.None);
        Assert.All(first, o => Assert.Equal((Outcome.Ok, true, 1), (o.Outcome, o.NewVersion, o.Version)));

        var second = await archivist.CaptureRoundAsync(documents, CancellationToken.None);
        Assert.All(second, o => Assert.Equal((Outcome.Ok, false, 1), (o.Outcome, o.NewVersion, o.Version)));

        tenant.Phase = "v2";
        var third = await archivist.CaptureRoundAsync(documents, CancellationToken.None);
        var changed = third.Where(o => o.NewVersion).Select(o => o.Document).ToHashSet();
        Assert.Equal(new HashSet<string> { "testbank/privacy-policy-ru", "testbank/public-offer-ru", "testbank/personal-data-policy-kk" }, changed);
        Assert.All(third.Where(o => !o.NewVersion), o => Assert.Equal(1, o.Version));

        var catalog = temp.Archive.Catalog;
        var versions = await catalog.GetVersionsAsync("testbank/privacy-policy-ru");
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        var v1 = await temp.Archive.ReadTextAsync(versions[0]);
        var v2 = await temp.Archive.ReadTextAsync(versions[1]);
        Assert.Contains("5.2. Срок хранения персональных данных составляет 3 года с момента", v1);
        Assert.Contains("5.2. Срок хранения персональных данных составляет 5 лет с момента", v2);
        Assert.Contains("6.4. Банк вправе передавать персональные данные клиентов партнёрам", v2);
        Assert.DoesNotContain("4.3. Банк не принимает решений", v2);
        var change = Assert.Single(await catalog.GetChangesAsync("testbank/privacy-policy-ru"));
        Assert.Equal((1, 2, 2, 2), (change.FromVersion, change.ToVersion, change.LinesAdded, change.LinesRemoved));
        Assert.Equal((2, 2), (versions[1].Added, versions[1].Removed));
    }

    [Fact]
    public async Task An_unchanged_page_is_kept_as_served_or_rendered_without_a_new_screenshot_and_an_edited_one_gets_both()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var archivist = temp.Archivist(chromium.Browser);
        var documents = new[] { temp.Document("privacy-policy-ru"), temp.Document("public-offer-ru") };
        var catalog = temp.Archive.Catalog;

        var first = await archivist.CaptureRoundAsync(documents, CancellationToken.None);
        foreach (var o in first) Assert.NotNull((await catalog.GetSnapshotAsync(o.Id))!.ScreenshotSha256);

        // Same text, new per-request noise in the bytes: the static page is not rendered again, its
        // exact bytes are still kept; the single-page app, whose text comes from its script, is
        // rendered, but its unchanged text gets no new screenshot.
        var second = (await archivist.CaptureRoundAsync(documents, CancellationToken.None)).ToDictionary(o => o.Document);
        var kept = (await catalog.GetSnapshotAsync(second["testbank/privacy-policy-ru"].Id))!;
        Assert.Equal((Outcome.Ok, false, (string?)null, (string?)null), (second["testbank/privacy-policy-ru"].Outcome, second["testbank/privacy-policy-ru"].NewVersion, kept.DomSha256, kept.ScreenshotSha256));
        Assert.True(await temp.Archive.Blobs.ExistsAsync(kept.BodySha256));
        var spa = (await catalog.GetSnapshotAsync(second["testbank/public-offer-ru"].Id))!;
        Assert.NotNull(spa.DomSha256);
        Assert.Null(spa.ScreenshotSha256);

        // An edit is seen in the raw bytes: rendered, and a new version.
        tenant.Phase = "v2";
        var third = (await archivist.CaptureRoundAsync(documents, CancellationToken.None)).ToDictionary(o => o.Document);
        foreach (var edited in third.Values)
        {
            Assert.True(edited.NewVersion, edited.Document);
            Assert.NotNull((await catalog.GetSnapshotAsync(edited.Id))!.ScreenshotSha256);
        }

        // --always-render renders it regardless.
        var options = ChromiumFixture.Options();
        options.AlwaysRender = true;
        var always = await temp.Archivist(chromium.Browser, options).CaptureAsync(documents[0], CancellationToken.None);
        Assert.False(always.NewVersion);
        Assert.NotNull((await catalog.GetSnapshotAsync(always.Id))!.ScreenshotSha256);
    }

    [Fact]
    public async Task Scripted_page_is_archived_as_rendered()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var observation = await temp.Archivist(chromium.Browser).CaptureAsync(temp.Document("public-offer-ru"), CancellationToken.None);
        Assert.Equal(Outcome.Ok, observation.Outcome);
        var text = await temp.Archive.ReadTextAsync((await temp.Archive.Catalog.GetLatestVersionAsync("testbank/public-offer-ru"))!);
        Assert.Contains("1.2. Оферта адресована физическим лицам – резидентам и нерезидентам Республики Казахстан, достигшим 18 лет.\n", text);
        Assert.Contains("3.2. Плата за годовое обслуживание пластиковой карты составляет 2 000 тенге.\n", text);
        Assert.DoesNotContain("pageRenderedAt", text);

        var snapshot = (await temp.Archive.Catalog.GetSnapshotAsync(observation.Id))!;
        Assert.NotNull(snapshot.DomSha256);
        Assert.NotNull(snapshot.ScreenshotSha256);
        // The screenshot is a PDF print of the rendered page: the text the script wrote is in it, as text.
        var pdf = await temp.Archive.Blobs.GetAsync(snapshot.ScreenshotSha256!);
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        Assert.Contains("1.2. Оферта адресована физическим лицам", PolicyArchiver.Extraction.PdfExtractor.Extract(pdf));
        var raw = await temp.Archive.Blobs.GetAsync(snapshot.BodySha256);
        Assert.DoesNotContain("Оферта адресована", System.Text.Encoding.UTF8.GetString(raw).Replace("\"1.2. Оферта адресована", "")); // only in the script's data
    }

    [Fact]
    public async Task Windows_1251_page_keeps_its_raw_bytes_and_yields_correct_text()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var observation = await temp.Archivist(chromium.Browser).CaptureAsync(temp.Document("user-agreement-ru"), CancellationToken.None);
        Assert.Equal(Outcome.Ok, observation.Outcome);
        var snapshot = (await temp.Archive.Catalog.GetSnapshotAsync(observation.Id))!;
        Assert.Equal("windows-1251", snapshot.Charset);
        var raw = await temp.Archive.Blobs.GetAsync(snapshot.BodySha256);
        // The bytes the server sent, not Chromium's UTF-8 re-encoding of them.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        Assert.Contains("Пользовательское соглашение", System.Text.Encoding.GetEncoding("windows-1251").GetString(raw));
        Assert.DoesNotContain("Пользовательское соглашение", System.Text.Encoding.UTF8.GetString(raw));
        var text = await temp.Archive.ReadTextAsync((await temp.Archive.Catalog.GetLatestVersionAsync("testbank/user-agreement-ru"))!);
        Assert.Contains("2.2. Вход в Систему осуществляется по логину и паролю с подтверждением одноразовым SMS-кодом.\n", text);
        Assert.Contains("Перевод клиенту другого банка по номеру карты | 0,95% от суммы | минимум 200 тенге\n", text);
    }

    [EmbeddedFact]
    public async Task Pdf_is_archived_as_bytes_and_an_identical_recapture_stores_no_new_blob()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var archivist = temp.Archivist(chromium.Browser);
        var first = await archivist.CaptureAsync(temp.Document("personal-data-policy-kk"), CancellationToken.None);
        var blobs = Directory.GetFiles(Path.Combine(temp.ArchiveDirectory, "blobs"), "*", SearchOption.AllDirectories).Order().ToList();
        var second = await archivist.CaptureAsync(temp.Document("personal-data-policy-kk"), CancellationToken.None);

        Assert.Equal(first.SnapshotSha256, second.SnapshotSha256);
        Assert.Equal(blobs, Directory.GetFiles(Path.Combine(temp.ArchiveDirectory, "blobs"), "*", SearchOption.AllDirectories).Order().ToList());
        var pdf = await temp.Archive.Blobs.GetAsync(first.SnapshotSha256!);
        Assert.Equal(File.ReadAllBytes(Path.Combine(FixtureSite.Root, "v1", "policy-kk.pdf")), pdf);
        var snapshot = (await temp.Archive.Catalog.GetSnapshotAsync(first.Id))!;
        Assert.Equal("application/pdf", snapshot.ContentType);
        Assert.Null(snapshot.ScreenshotSha256);
        var text = await temp.Archive.ReadTextAsync((await temp.Archive.Catalog.GetLatestVersionAsync("testbank/personal-data-policy-kk"))!);
        Assert.Contains("9.1. Банк осы Саясатқа өзгерістер енгізуге құқылы.\n", text);
    }

    [Fact]
    public async Task A_scanned_pdf_is_read_by_ocr_and_its_version_marked_so()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var scanned = temp.Document("personal-data-policy-kk") with { Id = "scanned-kk", Url = new Uri(tenant.BaseUrl, "docs/scanned.pdf") };
        var o = await temp.Archivist(chromium.Browser).CaptureAsync(scanned, CancellationToken.None);
        Assert.Equal((Outcome.Ok, true), (o.Outcome, o.NewVersion));
        var version = (await temp.Archive.Catalog.GetLatestVersionAsync("testbank/scanned-kk"))!;
        Assert.True(version.Ocr);
        var text = await temp.Archive.ReadTextAsync(version);
        Assert.Contains("законодательством", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Redirect_is_followed_and_the_final_url_recorded()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var o = await temp.Archivist(chromium.Browser).CaptureAsync(temp.Document("privacy-policy-old"), CancellationToken.None);
        Assert.Equal((Outcome.Ok, 200), (o.Outcome, o.HttpStatus));
        Assert.EndsWith("/old/privacy", o.Url);
        Assert.EndsWith("/ru/privacy", o.FinalUrl);
        Assert.True(o.NewVersion);
    }

    [Fact]
    public async Task Transient_503_is_retried_within_the_capture()
    {
        var tenant = chromium.Site.NewTenant();
        tenant.FlakyFailures = 2;
        using var temp = await TempArchive.CreateAsync(tenant);
        var o = await temp.Archivist(chromium.Browser).CaptureAsync(temp.Document("terms-of-service-kk"), CancellationToken.None);
        Assert.Equal((Outcome.Ok, 3, true), (o.Outcome, o.Attempts, o.NewVersion));
        Assert.Equal(3, tenant.Requests("flaky/terms"));
    }

    [Fact]
    public async Task Failures_are_observations_with_their_outcome_and_never_versions()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var archivist = temp.Archivist(chromium.Browser);
        var ids = new[] { "cookie-policy-ru", "code-of-ethics-ru", "transparency-report-en", "data-processing-consent-ru", "community-guidelines-ru" };
        var observations = await archivist.CaptureRoundAsync(ids.Select(temp.Document).ToList(), CancellationToken.None);

        Assert.Equal((Outcome.NotFound, 404, 1), (observations[0].Outcome, observations[0].HttpStatus, observations[0].Attempts));
        Assert.Equal((Outcome.HttpError, 502, 3), (observations[1].Outcome, observations[1].HttpStatus, observations[1].Attempts));
        Assert.Equal((Outcome.Blocked, 403, 1), (observations[2].Outcome, observations[2].HttpStatus, observations[2].Attempts));
        Assert.Contains("Cloudflare", observations[2].Detail);
        Assert.Equal(Outcome.Blocked, observations[3].Outcome);
        Assert.Contains("captcha", observations[3].Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Outcome.Blocked, observations[4].Outcome);
        Assert.Contains("placeholder", observations[4].Detail);
        foreach (var o in observations)
        {
            Assert.Null(o.SnapshotSha256);
            Assert.False(o.NewVersion);
            Assert.Empty(await temp.Archive.Catalog.GetVersionsAsync(o.Document));
            Assert.Single(await temp.Archive.Catalog.GetObservationsAsync(o.Document));
        }
        Assert.Equal(3, tenant.Requests("down"));
    }

    [Fact]
    public async Task Refused_connection_is_a_network_error_and_a_hung_server_a_timeout()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var options = ChromiumFixture.Options();
        options.MaxRetries = 1;
        options.NavigationTimeout = TimeSpan.FromSeconds(2);
        var archivist = temp.Archivist(chromium.Browser, options);

        var closedPort = Ports.Closed();
        var refused = temp.Document("privacy-policy-ru") with { Url = new Uri($"http://127.0.0.1:{closedPort}/privacy") };
        var slow = temp.Document("privacy-policy-ru") with { Id = "slow", Url = new Uri(tenant.BaseUrl, "slow") };
        var observations = await archivist.CaptureRoundAsync([refused, slow], CancellationToken.None);

        Assert.Equal((Outcome.NetworkError, 2), (observations[0].Outcome, observations[0].Attempts));
        Assert.Contains("ECONNREFUSED", observations[0].Detail);
        Assert.Equal((Outcome.Timeout, 2), (observations[1].Outcome, observations[1].Attempts));
        Assert.All(observations, o => Assert.Null(o.HttpStatus));
    }
}
