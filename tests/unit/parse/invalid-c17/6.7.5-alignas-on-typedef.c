// 1:25: error: alignment specified for typedef 'T'
_Alignas(8) typedef int T;
