namespace Bayan.Demo;

public static class DemoFeature
{
    public static IServiceCollection AddDemo(this IServiceCollection services) =>
        services.AddScoped<DemoLoader>().AddScoped<SyntheticContent>();
}
