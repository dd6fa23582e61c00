using System.Globalization;
using System.IO.Compression;
using System.Net;
using PolicyArchiver.Tests.Exporting;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// A day written as in Kazakhstan (<c>dd.mm.yyyy</c>) means the same day as its ISO 8601 form on the
/// web's <c>at?t=</c>, in <c>show --at</c> and in <c>export</c>; a form that could be read two ways
/// is refused with an example, never guessed.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public sealed class DayFirstDateTests(WebArchiveFixture web)
{
    private const string Privacy = "testbank/privacy-policy-ru";

    /// <summary>The day after every capture of the fixture, in both forms: everything was in force by then.</summary>
    private static readonly DateTime Tomorrow = DateTime.UtcNow.Date.AddDays(1);

    private static string Iso(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DayFirst(DateTime day) => day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task At_on_the_web_takes_a_day_first_date_as_its_iso_form()
    {
        var iso = await web.Http.GetAsync($"/companies/{Privacy}/at?t={Iso(Tomorrow)}");
        var dayFirst = await web.Http.GetAsync($"/companies/{Privacy}/at?t={DayFirst(Tomorrow)}");

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (iso.StatusCode, dayFirst.StatusCode));
        Assert.Equal($"/companies/{Privacy}/versions/2", dayFirst.Headers.Location?.OriginalString);
        Assert.Equal(iso.Headers.Location, dayFirst.Headers.Location);
        // A day before the first capture finds nothing, in either form: the date is not read month-first.
        var before = DateTime.UtcNow.Date.AddDays(-1);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Http.GetAsync($"/companies/{Privacy}/at?t={DayFirst(before)}")).StatusCode);
    }

    [Theory]
    [InlineData("12/03/2026")]
    [InlineData("2026.03.12")]
    [InlineData("31.02.2026")]
    [InlineData("03-12-2026")]
    public async Task At_on_the_web_refuses_another_form_with_an_example(string t)
    {
        var (response, page) = await Page.GetAsync(web.Http, $"/companies/{Privacy}/at?t={Uri.EscapeDataString(t)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains($"t=\"{t}\"", text);
        Assert.Contains("e.g. 2026-05-01, 2026-05-01T12:00:00Z or 01.05.2026", text);
    }

    [Fact]
    public async Task Show_at_a_day_first_date_prints_what_its_iso_form_prints()
    {
        var iso = await Support.Cli.RunAsync(web.Temp, "show", Privacy, "--at", Iso(Tomorrow));
        var dayFirst = await Support.Cli.RunAsync(web.Temp, "show", Privacy, "--at", DayFirst(Tomorrow));

        Assert.True(dayFirst.ExitCode == 0, dayFirst.Error);
        Assert.Equal(iso.Out, dayFirst.Out);
        Assert.Equal(await web.Temp.Archive.ReadTextAsync((await web.Temp.Archive.Catalog.GetVersionAsync(Privacy, 2))!), dayFirst.Out.TrimEnd('\n') + "\n", ignoreLineEndingDifferences: true);
    }

    [Fact]
    public async Task Export_takes_day_first_dates_as_their_iso_forms_and_refuses_a_month_first_one()
    {
        var (from, to) = (DateTime.UtcNow.Date.AddDays(-1), Tomorrow);
        var iso = await ExportRun.RunAsync(web, ".zip", "--from", Iso(from), "--to", Iso(to));
        var dayFirst = await ExportRun.RunAsync(web, ".zip", "--from", DayFirst(from), "--to", DayFirst(to));

        Assert.True(dayFirst.Result.ExitCode == 0, dayFirst.Result.Error);
        using (var a = ZipFile.OpenRead(iso.File))
        using (var b = ZipFile.OpenRead(dayFirst.File))
        {
            var rows = ExportRun.Manifest(b);
            Assert.NotEmpty(rows);
            Assert.Equal(ExportRun.Manifest(a).Select(r => $"{r["document"]}@{r["capturedAt"]}"), rows.Select(r => $"{r["document"]}@{r["capturedAt"]}"));
        }

        var refused = await ExportRun.RunAsync(web, ".zip", "--from", "12/03/2026", "--to", DayFirst(to));
        Assert.Equal(2, refused.Result.ExitCode);
        Assert.Contains("--from", refused.Result.Error);
        Assert.Contains("01.05.2026", refused.Result.Error);
        Assert.False(File.Exists(refused.File));
    }
}
