import Testing
import Walkshed
@testable import WalkshedFormats

/// `.prj` texts are parsed, not searched: what can be honoured exactly is read, the rest is
/// refused by what it is (issue 21: an ED50 UTM `.prj` was read as WGS 84, 195 m off, while a
/// WKT2 "WGS 84 / UTM zone 35N" was refused).
@Test(arguments: [
    // Esri's short and full forms, as Walkshed writes it.
    (#"PROJCS["WGS_1984_UTM_Zone_35N",GEOGCS["GCS_WGS_1984"]]"#, "35N"),
    (AsciiGridWriter.projectionText(UTMProjection(zone: 23, isNorth: false)), "23S"),
    // OGC WKT1 with an EPSG authority.
    (#"PROJCS["WGS 84 / UTM zone 22S",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",-51],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",10000000],UNIT["metre",1],AUTHORITY["EPSG","32722"]]"#, "22S"),
    // WKT2 (ISO 19162), as PROJ and QGIS write it.
    ("""
     PROJCRS["WGS 84 / UTM zone 35N",
         BASEGEOGCRS["WGS 84",
             DATUM["World Geodetic System 1984",
                 ELLIPSOID["WGS 84",6378137,298.257223563,LENGTHUNIT["metre",1]]],
             PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]]],
         CONVERSION["UTM zone 35N",
             METHOD["Transverse Mercator",ID["EPSG",9807]],
             PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433]],
             PARAMETER["Longitude of natural origin",27,ANGLEUNIT["degree",0.0174532925199433]],
             PARAMETER["Scale factor at natural origin",0.9996,SCALEUNIT["unity",1]],
             PARAMETER["False easting",500000,LENGTHUNIT["metre",1]],
             PARAMETER["False northing",0,LENGTHUNIT["metre",1]]],
         CS[Cartesian,2],
             AXIS["easting",east,ORDER[1],LENGTHUNIT["metre",1]],
             AXIS["northing",north,ORDER[2],LENGTHUNIT["metre",1]]]
     """, "35N"),
    (#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#, "degrees"),
    (#"GEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563]],CS[ellipsoidal,2],ID["EPSG",4326]]"#, "degrees"),
] as [(String, String)])
func projectionsThatCanBeHonouredAreRead(text: String, expected: String) throws {
    let zone = try ProjectionText.utmZone(text, path: "g.prj")
    #expect((zone.map { "\($0.zone)\($0.isNorth ? "N" : "S")" } ?? "degrees") == expected)
}

@Test(arguments: [
    (#"PROJCS["ED_1950_UTM_Zone_35N",GEOGCS["GCS_European_1950",DATUM["D_European_1950",SPHEROID["International_1924",6378388.0,297.0]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",27.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#,
     "g.prj: error: datum D_European_1950 is not WGS 84; only WGS 84 longitude/latitude (EPSG:4326) and WGS 84 UTM zones (EPSG:326xx, 327xx) are read: reproject the grid"),
    (#"PROJCS["ED50 / UTM zone 35N",GEOGCS["ED50",DATUM["European_Datum_1950"]],AUTHORITY["EPSG","23035"]]"#,
     "g.prj: error: EPSG:23035 (ED50 / UTM zone 35N); only WGS 84 longitude/latitude (EPSG:4326) and WGS 84 UTM zones (EPSG:326xx, 327xx) are read: reproject the grid"),
    (#"PROJCS["ED_1950_UTM_Zone_35N",GEOGCS["GCS_European_1950"]]"#,
     "g.prj: error: ED_1950_UTM_Zone_35N names no datum; only WGS 84 longitude/latitude (EPSG:4326) and WGS 84 UTM zones (EPSG:326xx, 327xx) are read: reproject the grid"),
    (#"PROJCS["WGS 84 / Pseudo-Mercator",GEOGCS["WGS 84",DATUM["WGS_1984"]],PROJECTION["Mercator_1SP"],PARAMETER["central_meridian",0]]"#,
     "g.prj: error: projection mercator 1sp is not transverse Mercator; only WGS 84 longitude/latitude (EPSG:4326) and WGS 84 UTM zones (EPSG:326xx, 327xx) are read: reproject the grid"),
    (#"PROJCS["custom",GEOGCS["WGS 84",DATUM["WGS_1984"]],PROJECTION["Transverse_Mercator"],PARAMETER["central_meridian",25],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0]]"#,
     "g.prj: error: custom: transverse Mercator without the UTM parameters; only WGS 84 longitude/latitude (EPSG:4326) and WGS 84 UTM zones (EPSG:326xx, 327xx) are read: reproject the grid"),
    ("not a projection [", "g.prj: error: not a WKT projection text; only WGS 84 longitude/latitude (EPSG:4326) and WGS 84 UTM zones (EPSG:326xx, 327xx) are read: reproject the grid"),
] as [(String, String)])
func projectionsThatCannotBeHonouredAreRefusedByName(text: String, message: String) {
    #expect(throws: (any Error).self) { try ProjectionText.utmZone(text, path: "g.prj") }
    do { _ = try ProjectionText.utmZone(text, path: "g.prj") } catch { #expect("\(error)" == message) }
}
