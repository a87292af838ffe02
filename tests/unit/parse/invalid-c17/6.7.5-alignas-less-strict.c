// 1:17: error: '_Alignas' specifiers cannot reduce alignment of 'x'
_Alignas(1) int x;
