using Bayan.Accounts;

namespace Bayan.Tests.Accounts;

public class CommonPasswordTests
{
    [Theory]
    [InlineData("password1234")]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("qwertyuiop#2025")]
    [InlineData("Sunshine2024!!")]
    [InlineData("aaaaaaaaaaaaaa")]
    [InlineData("abcabcabcabcabc")]
    [InlineData("!!football!!12")]
    public void Common_and_decorated_common_passwords_are_refused(string password)
    {
        Assert.True(CommonPasswordValidator.IsCommon(password));
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("tulip lantern orbit 1987")]
    [InlineData("کوه‌های سبز رودآباد")]
    public void Long_unusual_passphrases_are_accepted(string password)
    {
        Assert.False(CommonPasswordValidator.IsCommon(password));
    }

    [Fact]
    public void A_password_containing_the_account_name_is_refused()
    {
        var user = new BayanUser { Email = "ahmadi@example.org", UserName = "ahmadi@example.org", DisplayName = "Leila Ahmadi" };

        Assert.True(CommonPasswordValidator.IsCommon("my name is ahmadi forever", user));
    }
}
