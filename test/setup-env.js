// Domain dates are computed in Asia/Ho_Chi_Minh explicitly; the process runs in UTC so that nothing
// depends on the machine's zone by accident.
process.env.TZ = 'UTC';
