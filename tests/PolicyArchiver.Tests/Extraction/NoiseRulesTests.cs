using PolicyArchiver.Extraction;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Tests.Extraction;

public class NoiseRulesTests
{
    private static readonly Uri Page = new("https://bank.kz/legal/privacy?utm_source=x");

    private static string Extract(string body, ExtractionRules? rules = null) =>
        HtmlExtractor.Extract($"<html><body><main>{body}</main></body></html>", rules ?? ExtractionRules.Default, Page);

    [Fact]
    public void Links_keep_their_absolute_target_without_volatile_query_parameters()
    {
        var text = Extract("<p>5.1. Список <a href=\"/partners?utm_source=mail&amp;id=7&amp;sessionid=abc;\">партнёров</a> и <a href=\"https://bank.kz/rules.pdf?v=1699&amp;_=123\">правила</a>.</p>");
        Assert.Equal("5.1. Список [партнёров](https://bank.kz/partners?id=7) и [правила](https://bank.kz/rules.pdf).\n", text);
    }

    [Fact]
    public void A_link_that_now_points_elsewhere_changes_the_text()
    {
        Assert.NotEqual(Extract("<p><a href=\"/partners\">партнёры</a></p>"), Extract("<p><a href=\"/partners-2026\">партнёры</a></p>"));
        Assert.Equal(Extract("<p><a href=\"/partners?PHPSESSID=1\">партнёры</a></p>"), Extract("<p><a href=\"/partners;jsessionid=ABC?PHPSESSID=2\">партнёры</a></p>"));
    }

    [Fact]
    public void Documents_can_name_more_query_parameters_to_strip()
    {
        var rules = new ExtractionRules([], [], [], ["lang_ts"]);
        Assert.Equal("[Правила](https://bank.kz/rules)\n", Extract("<p><a href=\"/rules?lang_ts=99\">Правила</a></p>", rules));
    }

    [Fact]
    public void Cloudflare_email_protection_is_decoded_whatever_the_key()
    {
        // "dpo@bank.kz" XOR-ed with two different keys, as Cloudflare serves it on two requests.
        static string Protect(byte key) => Convert.ToHexStringLower([key, .. "dpo@bank.kz"u8.ToArray().Select(b => (byte)(b ^ key))]);
        var first = Extract($"<p>Пишите: <a href=\"/cdn-cgi/l/email-protection#{Protect(0x42)}\"><span class=\"__cf_email__\" data-cfemail=\"{Protect(0x42)}\">[email&#160;protected]</span></a></p>");
        var second = Extract($"<p>Пишите: <a href=\"/cdn-cgi/l/email-protection#{Protect(0x17)}\"><span class=\"__cf_email__\" data-cfemail=\"{Protect(0x17)}\">[email&#160;protected]</span></a></p>");
        Assert.Equal("Пишите: dpo@bank.kz\n", first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Ignore_rules_drop_volatile_fragments_inside_the_body()
    {
        var rules = new ExtractionRules([], [], [@"Обновлено \d+ (минут|часов) назад", @"^Просмотров: \d+$"], []);
        var a = Extract("<p>Обновлено 5 минут назад</p><p>1.1. Текст.</p><p>Просмотров: 1023</p>", rules);
        var b = Extract("<p>Обновлено 2 часов назад</p><p>1.1. Текст.</p><p>Просмотров: 1077</p>", rules);
        Assert.Equal("1.1. Текст.\n", a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Hidden_accordion_and_tab_content_is_part_of_the_document()
    {
        var text = Extract("<details><summary>Раздел 4</summary><p>4.1. Скрытый пункт.</p></details><div hidden><p>4.2. Вкладка.</p></div><div aria-hidden=\"true\"><p>4.3. Свёрнуто.</p></div>");
        Assert.Contains("4.1. Скрытый пункт.", text, StringComparison.Ordinal);
        Assert.Contains("4.2. Вкладка.", text, StringComparison.Ordinal);
        Assert.Contains("4.3. Свёрнуто.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sidebar_of_related_documents_is_not_the_policy()
    {
        var html = "<html><body><div class=\"page has-sidebar\"><div class=\"content\"><h1>Политика</h1><p>1.1. Текст политики, достаточно длинный для основного содержания страницы.</p></div>" +
                   "<div class=\"sidebar\"><a href=\"/offer\">Публичная оферта</a><a href=\"/rules\">Правила</a></div></div></body></html>";
        var text = HtmlExtractor.Extract(html, ExtractionRules.Default, Page);
        Assert.Contains("1.1. Текст политики", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Публичная оферта", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_have_a_stable_hash_that_changes_with_the_rules()
    {
        Assert.Equal(new ExtractionRules(["article"], [], [], []).Hash, new ExtractionRules(["article"], [], [], []).Hash);
        Assert.NotEqual(new ExtractionRules(["article"], [], [], []).Hash, new ExtractionRules(["article"], [], ["x"], []).Hash);
    }
}
