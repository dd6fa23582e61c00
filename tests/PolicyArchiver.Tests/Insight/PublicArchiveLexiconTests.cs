using PolicyArchiver.Insight.Coverage;

namespace PolicyArchiver.Tests.Insight;

/// <summary>Which links count as a company's own archive of previous versions.</summary>
public class PublicArchiveLexiconTests
{
    [Theory]
    [InlineData("Предыдущие редакции", "https://example.kz/privacy/old")]
    [InlineData("Предыдущая версия политики", "https://example.kz/p")]
    [InlineData("Ранее действовавшие редакции документов", "https://example.kz/p")]
    [InlineData("Архив документов", "https://example.kz/p")]
    [InlineData("Бұрынғы редакциялары", "https://example.kz/kk/p")]
    [InlineData("Құжаттар мұрағаты", "https://example.kz/kk/p")]
    [InlineData("Previous versions", "https://example.kz/en/p")]
    [InlineData("Version history", "https://example.kz/en/p")]
    [InlineData("PDF", "https://example.kz/docs/arhiv-dokumentov/2024.pdf")]
    public void Links_to_previous_versions_match(string text, string url) => Assert.True(PublicArchiveLexicon.Matches(text, url));

    [Theory]
    [InlineData("Архив новостей", "https://example.kz/news/archive")]
    [InlineData("Политика конфиденциальности", "https://example.kz/privacy")]
    [InlineData("Редакция от 1 марта 2026 года", "https://example.kz/privacy")]
    [InlineData("Version 2.0 of the app", "https://example.kz/app")]
    public void Other_links_do_not(string text, string url) => Assert.False(PublicArchiveLexicon.Matches(text, url));
}
