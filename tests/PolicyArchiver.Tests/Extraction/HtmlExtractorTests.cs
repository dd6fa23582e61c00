using System.Text;
using PolicyArchiver.Demo;
using PolicyArchiver.Extraction;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Tests.Extraction;

public class HtmlExtractorTests
{
    private static string Page(string phase, string name) => Noise.Fill(File.ReadAllText(Path.Combine(FixtureSite.Root, phase, name)), DateTimeOffset.UtcNow);

    public static readonly TheoryData<string> ChromeText = new()
    {
        "Мы используем cookie", "Принять", "Сейчас на сайте", "Страница сгенерирована", "Найти", "Частным клиентам",
        "Депозиты", "Документы банка", "Тарифы банка", "Лицензия на проведение банковских операций", "Контакты",
        "pageRenderedAt", "dataLayer", "{{", "}}",
    };

    [Theory]
    [MemberData(nameof(ChromeText))]
    public void Default_extraction_leaves_out_the_page_chrome(string chrome)
    {
        foreach (var page in new[] { "privacy-ru.html", "privacy-kk.html", "terms-cp1251.html" })
            Assert.DoesNotContain(chrome, HtmlExtractor.Extract(Page("v1", page), [], []));
    }

    [Fact]
    public void Documents_read_from_one_parse_of_a_page_get_the_text_each_would_get_alone()
    {
        const string html = """
            <html><head><title>Legal</title><script>var t = "nonce";</script></head><body>
            <nav>Menu</nav>
            <main>
              <section id="terms"><h2>Terms</h2><p>Use it well.</p><div class="ad">Buy now</div>
                <ol><li class="ad">Hidden clause</li><li>First clause</li><li>Second clause</li></ol></section>
              <section id="privacy"><h2>Privacy</h2><p>Write to <a href="mailto:&#105;nfo@bank.kz">us</a>.</p>
                <table><tr><td>name</td><td class="ad">promo</td><td>kept</td></tr></table><button>Accept</button></section>
            </main>
            <footer>Footer</footer>
            </body></html>
            """;
        ExtractionRules[] rules =
        [
            new(["#terms"], [".ad"], [], []),
            new(["#privacy"], [".ad"], [], []),
            new(["#terms", "#privacy"], [], [], []),
            new([], [".ad"], [], []),
            ExtractionRules.Default,
        ];

        var page = HtmlPage.Parse(html);
        var shared = rules.Select(r => HtmlExtractor.Extract(page, r, new Uri("https://bank.kz/legal"), shared: true)).ToList();
        var alone = rules.Select(r => HtmlExtractor.Extract(html, r, new Uri("https://bank.kz/legal"))).ToList();

        Assert.Equal(alone, shared);
        // What one document's `remove` passes over stays for the others, and list numbers skip it.
        Assert.DoesNotContain("Buy now", shared[0]);
        Assert.Contains("1. First clause", shared[0]);
        Assert.Contains("Buy now", shared[2]);
        Assert.Contains("2. First clause", shared[2]);
        Assert.Contains("name | kept", shared[1]);
        Assert.Contains("name | promo | kept", shared[2]);
        Assert.DoesNotContain("Menu", shared[3]);
        Assert.DoesNotContain("Accept", shared[4]);
    }

    [Fact]
    public void Policy_body_keeps_headings_and_clauses_one_block_per_line()
    {
        var text = HtmlExtractor.Extract(Page("v1", "privacy-ru.html"), [], []);
        var lines = text.Split('\n');
        Assert.Contains("# Политика конфиденциальности ТОО «Тестовый Банк»", lines);
        Assert.Contains("### 7.1. Права субъекта", lines);
        Assert.Contains("1.2. Политика распространяется на все персональные данные, которые Банк получает через сайт, мобильное приложение, контакт-центр и отделения Банка.", lines);
        Assert.Contains("7.2.2. Банк рассматривает запрос и направляет ответ в течение десяти рабочих дней со дня его получения.", lines);
        Assert.Contains(lines, l => l.StartsWith("- ", StringComparison.Ordinal));
        Assert.EndsWith("\n", text);
        Assert.DoesNotContain("\n\n", text);
    }

    [Fact]
    public void Noise_does_not_change_the_text()
    {
        Assert.Equal(HtmlExtractor.Extract(Page("v1", "privacy-ru.html"), [], []), HtmlExtractor.Extract(Page("v1", "privacy-ru.html"), [], []));
        Assert.NotEqual(Page("v1", "privacy-ru.html"), Page("v1", "privacy-ru.html"));
    }

    [Fact]
    public void Kazakh_page_without_article_is_found_in_main()
    {
        var text = HtmlExtractor.Extract(Page("v1", "privacy-kk.html"), [], []);
        Assert.Contains("# Құпиялылық саясаты\n", text);
        Assert.Contains("5.5. Банк ғимаратындағы серверлік бөлменің есіктері, жиһаздары мен шкафтары құлыпталады, ал оларға кіру журналда тіркеледі.\n", text);
    }

    [Fact]
    public void Windows_1251_page_is_decoded_by_its_meta_and_normalised()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("windows-1251").GetBytes(Page("v1", "terms-cp1251.html"));
        Assert.Equal("windows-1251", Charset.Detect(bytes, "text/html"));
        var text = HtmlExtractor.Extract(Charset.Decode(bytes, "text/html"), [], []);
        Assert.Contains("# Пользовательское соглашение", text);
        Assert.Contains("3.3. Пользователь даёт согласие на обработку его персональных данных в объёме, необходимом для исполнения Соглашения.\n", text);
        Assert.Contains("3.4. Банк направляет уведомления об операциях посредством SMS-сообщений и push-уведомлений в мобильном приложении.\n", text);
        Assert.Contains("Перевод клиенту другого банка по номеру карты | 0,95% от суммы | минимум 200 тенге\n", text);
        Assert.False(text.Contains('\u00AD', StringComparison.Ordinal), "soft hyphen left in the text");
        Assert.False(text.Contains('\u200B', StringComparison.Ordinal), "zero-width space left in the text");
        Assert.DoesNotContain("Ð", text);
    }

    [Fact]
    public void Header_charset_wins_over_meta()
    {
        var bytes = Encoding.UTF8.GetBytes("<meta charset=\"windows-1251\"><p>Құпиялылық</p>");
        Assert.Equal("utf-8", Charset.Detect(bytes, "text/html; charset=UTF-8"));
        Assert.Contains("Құпиялылық", Charset.Decode(bytes, "text/html; charset=UTF-8"));
    }

    [Fact]
    public void Select_and_remove_rules_apply()
    {
        const string html = """
            <html><body><nav>Меню</nav><div class="doc"><h2>Раздел 1</h2><p>1.1. Текст пункта.</p><div class="banner">Реклама</div></div>
            <div class="doc"><p>1.2. Второй пункт.</p></div><footer>Подвал</footer></body></html>
            """;
        Assert.Equal("## Раздел 1\n1.1. Текст пункта.\n1.2. Второй пункт.\n", HtmlExtractor.Extract(html, [".doc"], [".banner"]));
    }

    [Fact]
    public void Select_of_body_or_html_takes_the_whole_page_like_any_other_selector()
    {
        var page = Page("v1", "privacy-ru.html");
        var body = HtmlExtractor.Extract(page, ["body"], []);
        Assert.Contains("5.1. Персональные данные хранятся в базе данных, расположенной на территории Республики Казахстан.\n", body);
        Assert.Contains("Мы используем cookie", body); // the whole page: its chrome too
        Assert.DoesNotContain("pageRenderedAt", body);
        // html stands for the page's body: the head's title and scripts are never text.
        Assert.Equal(body, HtmlExtractor.Extract(page, ["html"], []));
        Assert.Equal(body, HtmlExtractor.Extract(page, ["html", "body", "main"], []));
        Assert.True(HtmlExtractor.Selects(page, ["html"]));
        Assert.False(HtmlExtractor.Selects(page, ["article.terms", "head title"]));
    }

    [Fact]
    public void Ordered_lists_keep_their_numbers_and_whitespace_is_collapsed()
    {
        const string html = "<main><ol start=\"3\"><li>Первый\u00A0\u00A0 пункт</li><li>Второй<br>с переносом</li></ol><p>A\u0301</p></main>";
        Assert.Equal("3. Первый пункт\n4. Второй\nс переносом\n\u00C1\n", HtmlExtractor.Extract(html, [], []));
    }
}
