-- How many of the filtered exchanges (programmes count by their stages) have each status.
-- Returns: status, exchanges. Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person.
with
selected as (
    select * from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person) where kind = 'exchange' and not is_programme(id)
),
final as (
    select status, count(*) as exchanges from selected group by status order by exchanges desc, status
)
select * from final
