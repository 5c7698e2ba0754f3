-- Problems found when the data was validated, most serious first.
-- Returns: file, line, code, message, severity. Parameters: none.
with
final as (
    select file, line, code, message, severity
    from problems
    order by severity = 'warning', file, line
)
select * from final
