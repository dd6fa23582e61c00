using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Capture;

/// <summary>
/// A rendered page is taken once it has settled: a page whose script fetches its text a moment
/// after the load event, with nothing in flight at that event, is waited for.
/// </summary>
public class PageSettleTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Text_a_script_fetches_after_the_load_event_is_in_the_version()
    {
        var tenant = chromium.Site.NewTenant();
        var targets = $$"""
            { "companies": [ { "id": "testbank", "name": "ТОО «Тестовый Банк»", "sector": "banking", "homepage": "{{tenant.BaseUrl}}",
              "documents": [
                { "id": "public-offer-ru", "type": "public-offer", "language": "ru", "url": "{{tenant.BaseUrl}}spa/late" },
                { "id": "privacy-policy-ru", "type": "privacy-policy", "language": "ru", "url": "{{tenant.BaseUrl}}ru/privacy" } ] } ] }
            """;
        using var temp = await TempArchive.CreateAsync(targets);
        var observations = await temp.Archivist(chromium.Browser).CaptureRoundAsync(
            [temp.Document("public-offer-ru"), temp.Document("privacy-policy-ru")], CancellationToken.None);

        Assert.All(observations, o => Assert.Equal((Outcome.Ok, true), (o.Outcome, o.NewVersion)));
        var late = await temp.Archive.ReadTextAsync((await temp.Archive.Catalog.GetLatestVersionAsync("testbank/public-offer-ru"))!);
        Assert.All(FixtureSite.LateClauses, clause => Assert.Contains(clause, late, StringComparison.Ordinal));
        Assert.DoesNotContain("Загрузка", late, StringComparison.Ordinal);
        var plain = await temp.Archive.ReadTextAsync((await temp.Archive.Catalog.GetLatestVersionAsync("testbank/privacy-policy-ru"))!);
        Assert.Contains("Политика конфиденциальности", plain, StringComparison.Ordinal);
    }
}
