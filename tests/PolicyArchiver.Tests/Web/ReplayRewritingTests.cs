using AngleSharp.Html.Parser;
using PolicyArchiver.Web.Replay;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// How a replayed page's addresses are rewritten (pywb's way): every address it loads or goes to
/// becomes <c>/replay/{datetime}/{absolute original URL}</c>, resolved as the live site would have.
/// </summary>
public class ReplayRewritingTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly Uri Page = new("https://bank.kz/docs/privacy.html?lang=ru");
    private const string R = "/replay/20260520100000/";

    private static ReplayUrls Urls() => new(At, Page);

    [Theory]
    [InlineData("style.css", R + "https://bank.kz/docs/style.css")]
    [InlineData("../img/logo.png", R + "https://bank.kz/img/logo.png")]
    [InlineData("/api/policy.json", R + "https://bank.kz/api/policy.json")]
    [InlineData("//cdn.bank.kz/font.woff2", R + "https://cdn.bank.kz/font.woff2")]
    [InlineData("http://other.kz/a?b=1#c", R + "http://other.kz/a?b=1#c")]
    [InlineData("?page=2", R + "https://bank.kz/docs/privacy.html?page=2")]
    [InlineData("data:image/png;base64,AAAA", "data:image/png;base64,AAAA")]
    [InlineData("blob:https://bank.kz/1234", "blob:https://bank.kz/1234")]
    [InlineData("javascript:void(0)", "javascript:void(0)")]
    [InlineData("mailto:dpo@bank.kz", "mailto:dpo@bank.kz")]
    [InlineData("#section-5", "#section-5")]
    [InlineData("", "")]
    [InlineData("ftp://files.bank.kz/x", "ftp://files.bank.kz/x")]
    public void An_address_is_resolved_against_the_original_page_and_only_web_addresses_are_rewritten(string url, string expected) =>
        Assert.Equal(expected, Urls().Rewrite(url));

    [Fact]
    public void A_srcset_has_each_candidate_rewritten_and_its_descriptors_kept()
    {
        Assert.Equal($"{R}https://bank.kz/docs/a.png 1x, {R}https://bank.kz/b,c.png 2x",
            Urls().RewriteSrcset("a.png 1x, /b,c.png 2x"));
        Assert.Equal($"{R}https://bank.kz/docs/small.jpg 480w,{R}https://bank.kz/docs/large.jpg 1080w",
            Urls().RewriteSrcset("small.jpg 480w,large.jpg 1080w"));
        Assert.Equal("data:image/gif;base64,R0lG 1x", Urls().RewriteSrcset("data:image/gif;base64,R0lG 1x"));
    }

    [Fact]
    public void Css_urls_in_every_form_and_imports_are_rewritten_and_everything_else_kept_byte_for_byte()
    {
        const string css = """
            @import "base.css";
            @import 'print.css' print;
            @import url(/fonts.css);
            /* background: url(commented-out.png) */
            body { background: url( "bg.png" ) no-repeat, URL('/img/x.svg#icon'); }
            .logo { background-image: url(//cdn.bank.kz/logo.png); }
            .dot { background: url(data:image/png;base64,iVBOR==); }
            @font-face { font-family: Bank; src: url("https://fonts.kz/bank.woff2?v=2") format("woff2"); }
            """;
        var rewritten = CssRewriter.Rewrite(css, Urls());
        Assert.Equal($$"""
            @import "{{R}}https://bank.kz/docs/base.css";
            @import '{{R}}https://bank.kz/docs/print.css' print;
            @import url({{R}}https://bank.kz/fonts.css);
            /* background: url(commented-out.png) */
            body { background: url( "{{R}}https://bank.kz/docs/bg.png" ) no-repeat, URL('{{R}}https://bank.kz/img/x.svg#icon'); }
            .logo { background-image: url({{R}}https://cdn.bank.kz/logo.png); }
            .dot { background: url(data:image/png;base64,iVBOR==); }
            @font-face { font-family: Bank; src: url("{{R}}https://fonts.kz/bank.woff2?v=2") format("woff2"); }
            """, rewritten);
    }

    [Fact]
    public void Html_attributes_that_load_or_navigate_are_rewritten_and_others_left_alone()
    {
        const string html = """
            <!DOCTYPE html><html><head><title>Policy</title>
            <link rel="stylesheet" href="/css/site.css" integrity="sha384-abc" crossorigin="anonymous">
            <script src="app.js"></script>
            <style>body { background: url(bg.png) }</style>
            <meta http-equiv="refresh" content="30; url=/privacy?fresh=1">
            </head><body background="paper.gif">
            <a href="terms.html" ping="https://tracker.kz/p">Terms</a> <a href="#top">Top</a> <a href="mailto:dpo@bank.kz">Mail</a>
            <img src="/img/logo.png" srcset="logo@2x.png 2x, data:image/gif;base64,R0lG 3x" data-src="lazy.png" alt="Logo">
            <picture><source srcset="/img/wide.webp 1200w" type="image/webp"></picture>
            <video poster="poster.jpg"><source src="//media.bank.kz/intro.mp4"></video>
            <iframe src="https://maps.kz/embed?x=1"></iframe>
            <object data="doc.pdf"></object>
            <form action="/search"><button formaction="/search2">Go</button></form>
            <div style="background-image: url('/img/hero.jpg')">Hero</div>
            <svg><use href="#icon"></use><image href="/img/s.png"></image></svg>
            </body></html>
            """;
        var document = new HtmlParser().ParseDocument(HtmlRewriter.Rewrite(html, Page, At));
        string? Attr(string selector, string name) => document.QuerySelector(selector)?.GetAttribute(name);

        Assert.Equal(R + "https://bank.kz/css/site.css", Attr("link[rel=stylesheet]", "href"));
        Assert.Null(Attr("link[rel=stylesheet]", "integrity"));
        Assert.Equal(R + "https://bank.kz/docs/app.js", Attr("script[src]", "src"));
        Assert.Contains($"url({R}https://bank.kz/docs/bg.png)", document.QuerySelector("style")!.TextContent);
        Assert.Equal($"30; url={R}https://bank.kz/privacy?fresh=1", Attr("meta[http-equiv=refresh]", "content"));
        Assert.Equal(R + "https://bank.kz/docs/paper.gif", Attr("body", "background"));
        Assert.Equal(R + "https://bank.kz/docs/terms.html", Attr("a[href*=terms]", "href"));
        Assert.Null(Attr("a[href*=terms]", "ping"));
        Assert.Equal("#top", document.QuerySelectorAll("a")[1].GetAttribute("href"));
        Assert.Equal("mailto:dpo@bank.kz", document.QuerySelectorAll("a")[2].GetAttribute("href"));
        Assert.Equal(R + "https://bank.kz/img/logo.png", Attr("img", "src"));
        Assert.Equal($"{R}https://bank.kz/docs/logo@2x.png 2x, data:image/gif;base64,R0lG 3x", Attr("img", "srcset"));
        Assert.Equal("lazy.png", Attr("img", "data-src"));
        Assert.Equal(R + "https://bank.kz/img/wide.webp 1200w", Attr("picture source", "srcset"));
        Assert.Equal(R + "https://bank.kz/docs/poster.jpg", Attr("video", "poster"));
        Assert.Equal(R + "https://media.bank.kz/intro.mp4", Attr("video source", "src"));
        Assert.Equal(R + "https://maps.kz/embed?x=1", Attr("iframe", "src"));
        Assert.Equal(R + "https://bank.kz/docs/doc.pdf", Attr("object", "data"));
        Assert.Equal(R + "https://bank.kz/search", Attr("form", "action"));
        Assert.Equal(R + "https://bank.kz/search2", Attr("button", "formaction"));
        Assert.Equal($"background-image: url('{R}https://bank.kz/img/hero.jpg')", Attr("div", "style"));
        Assert.Equal("#icon", Attr("use", "href"));
        Assert.Equal(R + "https://bank.kz/img/s.png", Attr("image", "href"));
    }

    [Fact]
    public void A_base_href_is_what_every_address_resolves_against_and_is_itself_rewritten()
    {
        const string html = """<html><head><link rel="icon" href="favicon.ico"><base href="https://static.bank.kz/v2/"></head><body><img src="logo.png"><a href="/root">r</a></body></html>""";
        var document = new HtmlParser().ParseDocument(HtmlRewriter.Rewrite(html, Page, At));

        Assert.Equal(R + "https://static.bank.kz/v2/", document.QuerySelector("base")!.GetAttribute("href"));
        Assert.Equal(R + "https://static.bank.kz/v2/favicon.ico", document.QuerySelector("link")!.GetAttribute("href"));
        Assert.Equal(R + "https://static.bank.kz/v2/logo.png", document.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal(R + "https://static.bank.kz/root", document.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void The_shim_is_the_first_script_of_the_head_and_knows_the_original_page_and_datetime()
    {
        const string html = """<html><head><script>var first = true;</script></head><body><p>Text</p></body></html>""";
        var document = new HtmlParser().ParseDocument(HtmlRewriter.Rewrite(html, Page, At));

        var shim = document.Head!.FirstElementChild!;
        Assert.Equal("script", shim.LocalName);
        Assert.Contains("XMLHttpRequest.prototype.open", shim.TextContent);
        var config = System.Text.Json.JsonDocument.Parse(shim.GetAttribute("data-replay")!).RootElement;
        Assert.Equal(R, config.GetProperty("prefix").GetString());
        Assert.Equal(Page.AbsoluteUri, config.GetProperty("original").GetString());
        Assert.Equal("20260520100000", config.GetProperty("datetime").GetString());
        Assert.Equal("var first = true;", document.Head.Children[1].TextContent);
        Assert.Equal("Text", document.QuerySelector("p")!.TextContent);
    }
}
