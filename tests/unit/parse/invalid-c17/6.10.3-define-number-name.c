// 1:9: error: macro names must be identifiers
#define 3 x
