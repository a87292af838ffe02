// 1:9: error: _Pragma takes a parenthesized string literal
_Pragma(1)
