namespace Agenda.Api.Teams;

internal static class TeamsRegistration
{
    /// <summary>The team use cases every door calls: teams and their meeting types (<see cref="TeamService"/>) and their offer (<see cref="TeamOffers"/>).</summary>
    public static IServiceCollection AddTeams(this IServiceCollection services) =>
        services.AddSingleton<TeamService>().AddSingleton<TeamOffers>().AddSingleton<TeamBookingRequests>().AddSingleton<TeamFreeTimes>();
}
