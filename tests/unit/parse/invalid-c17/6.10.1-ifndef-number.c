// 1:9: error: macro names must be identifiers
#ifndef 3
#endif
