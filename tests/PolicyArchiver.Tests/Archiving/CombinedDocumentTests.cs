using PolicyArchiver.Archiving;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Tests.Archiving;

/// <summary>A policy published across several pages is one document.</summary>
public class CombinedDocumentTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Pages_listed_in_combine_make_one_text_one_snapshot_and_one_history()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var document = temp.Document("privacy-policy-ru") with { Id = "combined", Combine = [new Uri(tenant.BaseUrl, "kk/privacy")] };
        var archivist = temp.Archivist(chromium.Browser);

        var first = await archivist.CaptureAsync(document, CancellationToken.None);
        Assert.Equal((Outcome.Ok, true), (first.Outcome, first.NewVersion));
        var text = await temp.Archive.ReadTextAsync((await temp.Archive.Catalog.GetLatestVersionAsync("testbank/combined"))!);
        Assert.Contains("5.1. Персональные данные хранятся в базе данных", text, StringComparison.Ordinal);
        Assert.Contains("3.2. Дербес деректерді жинау мақсаттарына", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("# Политика", StringComparison.Ordinal) < text.IndexOf("# Құпиялылық", StringComparison.Ordinal));
        var snapshot = (await temp.Archive.Catalog.GetSnapshotAsync(first.Id))!;
        Assert.EndsWith("/kk/privacy", Assert.Single(snapshot.Parts).Url);

        // Re-reading the stored pages under the same rules gives the same text: no technical version.
        var same = await new Reextractor(temp.Archive, TimeProvider.System).ReextractAsync([document], CancellationToken.None);
        Assert.Null(same[0].Technical);

        tenant.Phase = "v2";
        var second = await archivist.CaptureAsync(document, CancellationToken.None);
        Assert.Equal((Outcome.Ok, true, 2), (second.Outcome, second.NewVersion, second.Version));
    }

    [Fact]
    public async Task A_missing_page_makes_the_whole_capture_fail_with_the_page_named()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var document = temp.Document("privacy-policy-ru") with { Id = "combined", Combine = [new Uri(tenant.BaseUrl, "gone")] };
        var o = await temp.Archivist(chromium.Browser).CaptureAsync(document, CancellationToken.None);
        Assert.Equal(Outcome.NotFound, o.Outcome);
        Assert.StartsWith("page 2 of the document (", o.Detail);
        Assert.Null(o.SnapshotSha256);
        Assert.Empty(await temp.Archive.Catalog.GetVersionsAsync("testbank/combined"));
    }

    [Fact]
    public void Combine_urls_are_validated()
    {
        var e = Assert.Throws<TargetsException>(() => TargetsLoader.Parse("""
            {"companies":[{"id":"k","name":"K","sector":"fintech","homepage":"https://k.kz/","documents":[
              {"id":"d","type":"privacy-policy","language":"ru","url":"https://k.kz/p1","combine":["https://k.kz/p2","p3"]}]}]}
            """));
        Assert.Equal("$.companies[0].documents[0].combine[1]: not an absolute http(s) URL (\"p3\")", Assert.Single(e.Errors));
    }
}
