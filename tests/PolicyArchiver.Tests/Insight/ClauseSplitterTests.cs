using PolicyArchiver.Insight.Clauses;

namespace PolicyArchiver.Tests.Insight;

/// <summary>How a version's text is cut into clauses, on Russian, Kazakh and English policies.</summary>
public class ClauseSplitterTests
{
    private static Dictionary<string, Clause> Split(string file) => ClauseSplitter.Split(ClauseFixtures.Read(file)).ToDictionary(c => c.Id);

    [Fact]
    public void Russian_clauses_start_at_headings_and_numbers_and_keep_their_lists()
    {
        var clauses = ClauseSplitter.Split(ClauseFixtures.Read("ru-split.txt"));

        Assert.Equal(["Политика конфиденциальности ТОО «Пример»", "1", "1.1", "1.2", "2", "2.1", "2.2", "3", "3.1", "3.2", "4", "4.1.1"], clauses.Select(c => c.Id));
        var byId = clauses.ToDictionary(c => c.Id);
        // The line under the title belongs to it: a date at a line's start is not a clause number.
        Assert.Equal("# Политика конфиденциальности ТОО «Пример»\nРедакция от 15.01.2024 г.", byId["Политика конфиденциальности ТОО «Пример»"].Text);
        Assert.Equal("2.1. Компания обрабатывает следующие данные:\n- фамилия, имя, отчество;\n- номер телефона.", byId["2.1"].Text);
        // An ordered list under 3.1 is its items, not sections 1 to 3.
        Assert.EndsWith("3. информирование о новых продуктах.", byId["3.1"].Text);
        Assert.Equal(4, byId["3.1"].Text.Split('\n').Length);
        // «2.2)» is a clause; «Статья 4.» is clause 4; «4.1.1» needs no final dot; «2024 год» is not a number.
        Assert.StartsWith("2.2) Биометрические", byId["2.2"].Text);
        Assert.Equal("4", byId["4"].Number);
        Assert.Equal("4.1.1 Срок хранения составляет 5 лет.\n2024 год является отчётным.", byId["4.1.1"].Text);
    }

    [Fact]
    public void Clauses_know_the_headings_they_stand_under()
    {
        var clauses = Split("ru-split.txt");

        Assert.Equal(["Политика конфиденциальности ТОО «Пример»", "2. Состав данных"], clauses["2.2"].HeadingPath);
        Assert.Equal("2. Состав данных", clauses["2.2"].Heading);
        // A heading stands under the headings above its level, not under itself.
        Assert.Equal(["Политика конфиденциальности ТОО «Пример»"], clauses["3"].HeadingPath);
        Assert.True(clauses["3"].IsHeading);
        Assert.Empty(clauses["Политика конфиденциальности ТОО «Пример»"].HeadingPath);
    }

    [Fact]
    public void Body_is_the_text_without_its_number_so_renumbering_keeps_it()
    {
        var clauses = Split("ru-split.txt");

        Assert.Equal("Обработка, несовместимая с целями сбора, не допускается.", clauses["3.2"].Body);
        Assert.Equal("Состав данных", clauses["2"].Body);
    }

    [Fact]
    public void Kazakh_clauses_read_tarmaq_and_bap_numbers_and_keep_numbered_sub_items()
    {
        var clauses = ClauseSplitter.Split(ClauseFixtures.Read("kk-split.txt"));

        // The title lines before the first number are clause §1, by position.
        Assert.Equal(["§1", "1", "1.1", "5", "5.4", "5.9", "6", "6.1", "7", "7.1"], clauses.Select(c => c.Id));
        var byId = clauses.ToDictionary(c => c.Id);
        Assert.Equal("ОПЕРАТОР САЯСАТЫ\nДербес деректерді өңдеуге және қорғауға қатысты", byId["§1"].Text);
        // «1) …», «2) …» under 5.4 and 7.1 are their sub-items, not clauses 1 and 2.
        Assert.Equal(3, byId["5.4"].Text.Split('\n').Length);
        Assert.Equal(3, byId["7.1"].Text.Split('\n').Length);
        Assert.StartsWith("6-бап.", byId["6"].Text);
        Assert.StartsWith("Оператор дербес деректерді трансшекаралық", byId["6.1"].Body);
    }

    [Fact]
    public void English_clauses_read_articles_sections_brackets_and_roman_numbers()
    {
        var clauses = ClauseSplitter.Split(ClauseFixtures.Read("en-split.txt"));

        Assert.Equal(["Privacy Notice", "1", "2", "2.1", "2.2", "2.3", "I", "II"], clauses.Select(c => c.Id));
        var byId = clauses.ToDictionary(c => c.Id);
        Assert.Equal("## Article 1. Who we are\nExample LLP is the controller of your personal data.", byId["1"].Text);
        Assert.Equal(["Privacy Notice", "Article 2. What we collect"], byId["2.3"].HeadingPath);
        Assert.Equal("We collect device identifiers.", byId["2.2"].Body);
    }

    [Fact]
    public void A_bullet_before_a_number_starts_the_clause_and_is_left_out_of_it()
    {
        var bulleted = ClauseSplitter.Split(ClauseFixtures.Read("ru-diff-v1-bulleted.txt"));
        var plain = ClauseSplitter.Split(ClauseFixtures.Read("ru-diff-v1.txt"));

        Assert.Equal(["Политика", "3", "3.1", "3.2", "3.3", "3.4", "4", "4.1", "4.2", "5", "5.1"], bulleted.Select(c => c.Id));
        Assert.Equal(plain, bulleted, (a, b) => a.Id == b.Id && a.Number == b.Number && a.Text == b.Text && a.Body == b.Body && a.HeadingPath.SequenceEqual(b.HeadingPath));
        Assert.Equal("3.1. Компания не продаёт персональные данные.", bulleted.Single(c => c.Id == "3.1").Text);
    }

    [Fact]
    public void A_number_met_twice_gets_a_suffix_so_ids_stay_unique()
    {
        var clauses = ClauseSplitter.Split("## 1. Первый раздел\n1.1. Пункт.\n## 1. Приложение\n1.1. Пункт приложения.\n");

        Assert.Equal(["1", "1.1", "1#2", "1.1#2"], clauses.Select(c => c.Id));
    }

    [Theory]
    [InlineData("5.2. Срок хранения", "5.2")]
    [InlineData("3.1) Цели", "3.1")]
    [InlineData("1.2.3 Термины", "1.2.3")]
    [InlineData("5.2-тармақ. Сақтау мерзімі", "5.2")]
    [InlineData("5-бап. Қорытынды", "5")]
    [InlineData("Статья 5. Заключительные положения", "5")]
    [InlineData("Пункт 3.1 Цели", "3.1")]
    [InlineData("Article 12: Governing law", "12")]
    [InlineData("## 7.1. Права субъекта", "7.1")]
    [InlineData("● 1.1. Общие положения", "1.1")]
    [InlineData("• 2. Состав данных", "2")]
    [InlineData("•2. Состав данных", "2")]
    [InlineData("- 3.1 Цели", "3.1")]
    [InlineData("▪ 4.1. Хранение", "4.1")]
    [InlineData("◦ 4.2. Хранение", "4.2")]
    [InlineData("· 4.3. Хранение", "4.3")]
    [InlineData("– 5.1. Cookie", "5.1")]
    [InlineData("— 5.2. Cookie", "5.2")]
    [InlineData("* 5.3. Cookie", "5.3")]
    [InlineData("- Статья 6. Заключительные положения", "6")]
    [InlineData("## • 7.2. Права субъекта", "7.2")]
    public void Numbering_variants_are_clause_ids(string line, string id)
    {
        Assert.Equal(id, ClauseSplitter.Split("Вступление\n" + line + "\n")[1].Id);
    }

    [Theory]
    [InlineData("15.01.2024 г. вступает в силу")]
    [InlineData("2024 год")]
    [InlineData("1.2.999/99 лицензия")]
    [InlineData("- в списке, без номера")]
    [InlineData("• в списке, без номера")]
    [InlineData("- 2024 год")]
    [InlineData("-5.2 со знаком")]
    [InlineData("*1 сноска")]
    public void Dates_years_and_list_items_do_not_start_clauses(string line)
    {
        Assert.Single(ClauseSplitter.Split("1. Вступление\n" + line + "\n"));
    }
}
